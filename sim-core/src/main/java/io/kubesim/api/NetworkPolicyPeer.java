package io.kubesim.api;

/**
 * One {@code from}/{@code to} entry of a NetworkPolicy rule (k8s-semantics.md 17.9): a pod
 * selector alone picks pods of the policy's namespace, a namespace selector alone every pod of the
 * matching namespaces, both together the pods matching both; an ipBlock is a CIDR (addresses
 * outside the cluster: kubesim matches it to no pod).
 *
 * @param podSelector       null when absent
 * @param namespaceSelector null when absent
 * @param ipBlock           the CIDR, or null when the peer is not an ipBlock
 */
public record NetworkPolicyPeer(LabelSelector podSelector, LabelSelector namespaceSelector, String ipBlock) {
}
