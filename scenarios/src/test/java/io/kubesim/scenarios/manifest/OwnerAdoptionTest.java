package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.Loaded;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Objects with ownerReferences, as a {@code kubectl get -o yaml} dump has them: adopted by an
 * owner of the input, collected (as the garbage collector would) when the owner is missing, left
 * out when the owner is a kind kubesim does not run. Owners match by uid, else by kind and name.
 */
class OwnerAdoptionTest {
    private static Loaded<List<Manifest>> load(String yaml) {
        return new ManifestLoader().loadText("m.yaml", yaml);
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, uid: d-1}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """;

    private static String replicaSet(String ownerKind, String ownerName, String ownerUid) {
        return """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: web-5d8f7
                  uid: rs-1
                  ownerReferences: [{apiVersion: apps/v1, kind: %s, name: %s, uid: %s, controller: true}]
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx}]}
                """.formatted(ownerKind, ownerName, ownerUid);
    }

    private static final String POD_OF_RS = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-5d8f7-abcde
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f7, uid: rs-1, controller: true}]
            spec: {containers: [{name: web, image: nginx}]}
            """;

    private static List<String> kinds(Loaded<List<Manifest>> r) {
        return r.value().stream().map(m -> m.kind() + "/" + m.name()).toList();
    }

    private static List<String> warnings(Loaded<List<Manifest>> r) {
        return r.warnings().stream().map(Diagnostic::format).toList();
    }

    @Test
    @DisplayName("a ReplicaSet and its Pod owned (by uid) by a Deployment of the input are adopted: one warning")
    void adoptedByUid() {
        Loaded<List<Manifest>> r = load(DEPLOYMENT + "---\n" + replicaSet("Deployment", "web", "d-1") + "---\n"
                + POD_OF_RS);
        assertEquals(List.of("Deployment/web"), kinds(r));
        assertEquals(List.of("m.yaml:15:3: warning: Deployment \"web\" adopts 1 ReplicaSet, 1 Pod of the input (owned "
                + "objects, as in a kubectl get -o yaml dump): its controller creates its own, so they are not run "
                + "alongside it and their status is ignored"), warnings(r));
    }

    @Test
    @DisplayName("an owner without a uid in the input (the source manifest) is matched by kind and name")
    void adoptedByKindAndName() {
        Loaded<List<Manifest>> r = load(DEPLOYMENT.replace(", uid: d-1", "") + "---\n"
                + replicaSet("Deployment", "web", "d-1"));
        assertEquals(List.of("Deployment/web"), kinds(r));
        assertEquals(1, r.warnings().size());
    }

    @Test
    @DisplayName("a ReplicaSet whose Deployment is not in the input is collected as the GC would, and its Pod with it")
    void danglingOwnerIsCollected() {
        Loaded<List<Manifest>> r = load(replicaSet("Deployment", "gone", "d-9") + "---\n" + POD_OF_RS);
        assertEquals(List.of(), kinds(r));
        assertEquals(List.of(
                "m.yaml:6:3: warning: ReplicaSet \"web-5d8f7\" is owned by Deployment \"gone\" (uid d-9), which is not "
                        + "in the input (or is deleted with its own owner): the garbage collector would delete it, so "
                        + "kubesim leaves it out",
                "m.yaml:17:3: warning: Pod \"web-5d8f7-abcde\" is owned by ReplicaSet \"web-5d8f7\" (uid rs-1), which is "
                        + "not in the input (or is deleted with its own owner): the garbage collector would delete it, so "
                        + "kubesim leaves it out"), warnings(r));
    }

    @Test
    @DisplayName("a same-named owner with another uid is a different object: the dependent is collected")
    void uidMismatchIsAnotherOwner() {
        Loaded<List<Manifest>> r = load(DEPLOYMENT + "---\n" + replicaSet("Deployment", "web", "d-2"));
        assertEquals(List.of("Deployment/web"), kinds(r));
        assertEquals(1, r.warnings().size());
        assertEquals(true, r.warnings().get(0).message().contains("the garbage collector would delete it"));
    }

    @Test
    @DisplayName("a Pod managed by a StatefulSet of the input is left out: kubesim does not run that controller")
    void ownerOfAnUnmodelledKind() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: example.com/v1
                kind: Database
                metadata: {name: db, uid: s-1}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db-0
                  ownerReferences: [{apiVersion: example.com/v1, kind: Database, name: db, uid: s-1, controller: true}]
                spec: {containers: [{name: db, image: postgres}]}
                """);
        assertEquals(List.of(), kinds(r));
        assertEquals(List.of("m.yaml:2:1: warning: not simulated (yet): 1 Database",
                "m.yaml:9:3: warning: Pod \"db-0\" is managed by Database \"db\", which kubesim does not simulate; "
                        + "left out"), warnings(r));
    }

    @Test
    @DisplayName("k8s-semantics.md 11.2: a StatefulSet's pod in the input (a kubectl get -o yaml dump) is adopted: "
            + "the StatefulSet creates its own db-0")
    void podOfAStatefulSetIsAdopted() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, uid: s-1}
                spec:
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: db, image: postgres}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db-0
                  labels: {app: db}
                  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, uid: s-1, controller: true}]
                spec: {containers: [{name: db, image: postgres}]}
                """);
        assertEquals(List.of("StatefulSet/db"), kinds(r));
        assertEquals(1, warnings(r).size(), warnings(r)::toString);
        assertTrue(warnings(r).get(0).contains("StatefulSet \"db\" adopts 1 Pod of the input"), warnings(r).get(0));
    }

    @Test
    @DisplayName("an object with only non-controller owners stays while one of them is in the input")
    void nonControllerOwnerPresentKeepsIt() {
        Loaded<List<Manifest>> r = load(DEPLOYMENT + "---\n" + """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1}]
                spec: {selector: {app: web}, ports: [{port: 80}]}
                """);
        assertEquals(List.of("Deployment/web", "Service/web"), kinds(r));
        assertEquals(List.of(), warnings(r));
    }

    @Test
    @DisplayName("a ReplicaSet of an Argo Experiment in the input, and its Pod, are both left out with the Experiment named")
    void chainUnderAnUnmodelledOwner() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: argoproj.io/v1alpha1
                kind: Experiment
                metadata: {name: web, uid: ex-1}
                ---
                """ + replicaSet("Experiment", "web", "ex-1") + "---\n" + POD_OF_RS);
        assertEquals(List.of(), kinds(r));
        assertEquals(List.of("m.yaml:2:1: warning: not simulated (yet): 1 Experiment",
                "m.yaml:10:3: warning: ReplicaSet \"web-5d8f7\" is managed by Experiment \"web\", which kubesim does "
                        + "not simulate; left out",
                "m.yaml:21:3: warning: Pod \"web-5d8f7-abcde\" is managed by Experiment \"web\", which kubesim does "
                        + "not simulate; left out"), warnings(r));
    }

    @Test
    @DisplayName("a ReplicaSet of an Argo Rollout in the input, and its Pod, are adopted: the Rollout's controller "
            + "makes its own, as a Deployment's does")
    void aRolloutAdoptsItsReplicaSets() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web, uid: ro-1}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx}]}
                  strategy: {canary: {steps: [{setWeight: 50}]}}
                ---
                """ + replicaSet("Rollout", "web", "ro-1") + "---\n" + POD_OF_RS);
        assertEquals(List.of("Rollout/web"), kinds(r));
        assertEquals(1, warnings(r).size(), warnings(r)::toString);
        assertTrue(warnings(r).get(0).contains("Rollout \"web\" adopts 1 ReplicaSet, 1 Pod of the input"),
                warnings(r).get(0));
    }

    @Test
    @DisplayName("an ownerReference without kind or name (written {} or left null) is refused, as the API server "
            + "refuses it (\"must not be empty\"), instead of reading as an absent owner")
    void anOwnerReferenceWithoutKindOrNameIsALocatedError() {
        for (String ref : List.of("{}", "~", "{kind: Deployment}")) {
            io.kubesim.scenarios.InputException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.kubesim.scenarios.InputException.class,
                    () -> load(DEPLOYMENT.replace("metadata: {name: web, uid: d-1}",
                            "metadata: {name: web, uid: d-1, ownerReferences: [" + ref + "]}")));
            assertEquals("m.yaml:3:51: an ownerReference needs a kind and a name (the API server refuses an empty "
                    + "one)", e.format(), ref);
        }
    }
}
