package io.kubesim.controllers.hpa;

/** The bucket groupPods sorts each pod into (k8s-semantics.md 1.2). */
public enum PodBucket { IGNORED, UNREADY, MISSING, READY }
