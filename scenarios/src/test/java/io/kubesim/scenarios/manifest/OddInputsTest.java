package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.scenarios.InputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Odd but possible inputs either load or end in an {@link InputException}; no other exception
 * (a parser's, Jackson's, a NullPointerException) ever escapes to the user.
 */
class OddInputsTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "",
            "---\n---\n",
            "- a\n- b\n",
            "42\n",
            "~\n",
            "apiVersion: v1\nkind: List\nitems: ~\n",
            "apiVersion: v1\nkind: List\nitems: {a: 1}\n",
            "apiVersion: v1\nkind: List\nitems: [1, 2]\n",
            "apiVersion: 1\nkind: Pod\n",
            "apiVersion: v1\nkind: Pod\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{}]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [~]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, ports: [{}]}]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, resources: {limits: {cpu: ~}}}]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, lifecycle: {preStop: {}}}]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, lifecycle: {preStop: {sleep: {}}}}]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, livenessProbe: {exec: {}}}]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}], tolerations: [{}]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}], topologySpreadConstraints: [{}]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}], affinity: {podAffinity: "
                    + "{preferredDuringSchedulingIgnoredDuringExecution: [{}]}}}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}], affinity: {nodeAffinity: "
                    + "{requiredDuringSchedulingIgnoredDuringExecution: {}}}}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}], affinity: {nodeAffinity: "
                    + "{requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{}]}]}}}}\n",
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n",
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{}]}\n",
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: 0}]}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {selector: {}}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {selector: {matchLabels: {a: b}}, template: {}}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {selector: {matchExpressions: [{key: a}]}}\n",
            "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: c}]}}}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {strategy: {type: Blue}}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {strategy: {rollingUpdate: {maxSurge: '%'}}}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {strategy: {rollingUpdate: {maxSurge: 99999999999%}}}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {strategy: {rollingUpdate: {maxSurge: 1.5}}}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: &m {name: p}\nspec: {containers: [{name: c}]}\n---\napiVersion: v1\nkind: Namespace\nmetadata: *m\n",
            "base: &b {a: 1}\nother:\n  <<: *b\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: !custom p}\nspec: {containers: [{name: c}]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {1: 2}}\nspec: {containers: [{name: c}]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, resources: {limits: {cpu: 1e400}}}]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, resources: {limits: {memory: 99999Ei}}}]}\n",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, resources: {limits: {cpu: .inf}}}]}\n",
            "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: p}\nvalue: 1.5\n",
            "\u0000\u0001",
            "key: \"unterminated\n",
    })
    void loadsOrFailsWithAnInputException(String yaml) {
        try {
            new ManifestLoader().loadText("odd.yaml", yaml);
        } catch (InputException e) {
            assertTrue(e.format().startsWith("odd.yaml"), e.format());
            assertTrue(!e.detail().contains("Exception") && !e.detail().contains("java."), e.format());
        }
    }
}
