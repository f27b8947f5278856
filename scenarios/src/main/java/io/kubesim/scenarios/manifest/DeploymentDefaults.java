package io.kubesim.scenarios.manifest;

import io.kubesim.api.IntOrPercent;

/**
 * The defaults an API version applies to a Deployment; they differ between the deprecated
 * versions, and a manifest keeps the semantics of the version it was written for.
 *
 * <ul>
 *   <li>apps/v1 and apps/v1beta2 (pkg/apis/apps/v1/defaults.go, k8s-semantics.md 2.1): surge and
 *       unavailable 25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, selector required.
 *   <li>apps/v1beta1 (pkg/apis/apps/v1beta1/defaults.go): 25%/25%, revisionHistoryLimit 2,
 *       progressDeadlineSeconds 600, selector and labels defaulted from the template labels.
 *   <li>extensions/v1beta1 (pkg/apis/extensions/v1beta1/defaults.go): surge 1 and unavailable 1
 *       (absolute), revisionHistoryLimit and progressDeadlineSeconds MaxInt32, meaning unlimited
 *       and no deadline; selector and labels defaulted from the template labels.
 * </ul>
 *
 * @param revisionHistoryLimit    null means unlimited
 * @param progressDeadlineSeconds null means no deadline
 * @param selectorFromTemplate    a missing selector (and empty labels) come from the template labels
 */
public record DeploymentDefaults(IntOrPercent maxSurge, IntOrPercent maxUnavailable, Integer revisionHistoryLimit,
                                 Integer progressDeadlineSeconds, boolean selectorFromTemplate) {
    public static final DeploymentDefaults APPS_V1 =
            new DeploymentDefaults(IntOrPercent.ofPercent(25), IntOrPercent.ofPercent(25), 10, 600, false);
    public static final DeploymentDefaults APPS_V1BETA1 =
            new DeploymentDefaults(IntOrPercent.ofPercent(25), IntOrPercent.ofPercent(25), 2, 600, true);
    public static final DeploymentDefaults EXTENSIONS_V1BETA1 =
            new DeploymentDefaults(IntOrPercent.ofInt(1), IntOrPercent.ofInt(1), null, null, true);
}
