package io.kubesim.scheduler.framework;

/** A scheduler plugin: it has the upstream plugin name and implements one or more extension points. */
public interface Plugin {
    /** The upstream name, e.g. {@code NodeResourcesFit}. */
    String name();
}
