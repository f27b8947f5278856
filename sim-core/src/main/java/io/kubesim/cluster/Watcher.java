package io.kubesim.cluster;

/** Receives changes of one kind of object, like an informer's event handler. */
@FunctionalInterface
public interface Watcher<T extends ApiObject> {
    void onEvent(WatchEventType type, T object);
}
