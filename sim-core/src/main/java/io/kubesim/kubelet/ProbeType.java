package io.kubesim.kubelet;

/** The three probe kinds, with the initial result each starts from (k8s-semantics.md 4.1). */
enum ProbeType {
    STARTUP("Startup", ProbeResult.UNKNOWN),
    READINESS("Readiness", ProbeResult.FAILURE),
    LIVENESS("Liveness", ProbeResult.SUCCESS);

    final String label;
    final ProbeResult initial;

    ProbeType(String label, ProbeResult initial) {
        this.label = label;
        this.initial = initial;
    }
}
