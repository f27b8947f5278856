package io.kubesim.kubelet;

/** A probe outcome as the kubelet's results manager holds it. */
enum ProbeResult { UNKNOWN, SUCCESS, FAILURE }
