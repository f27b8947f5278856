package io.kubesim.cluster;

/** What happened to a watched object. */
public enum WatchEventType { ADDED, MODIFIED, DELETED }
