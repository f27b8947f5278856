package io.kubesim.cluster;

/** An index an {@link ObjectStore} keeps up to date on every write. */
interface StoreIndex<T extends ApiObject> {
    void put(T obj);

    void remove(T obj);
}
