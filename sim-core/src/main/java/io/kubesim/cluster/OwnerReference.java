package io.kubesim.cluster;

/** A controller owner reference: the kind, name and uid of the object that manages this one. */
public record OwnerReference(String kind, String name, String uid) {
}
