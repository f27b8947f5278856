/**
 * Volumes as they affect scheduling and recovery (k8s-semantics.md 14), the kube-controller-manager
 * side: {@link io.kubesim.controllers.volume.PersistentVolumeController} binds claims to static
 * volumes or hands them to the external provisioner, which creates them after the scenario's
 * provisioning time in the zone {@link io.kubesim.controllers.volume.ZoneChooser} or the scheduled
 * node gives; {@link io.kubesim.controllers.volume.AttachDetachController} attaches the volumes of
 * scheduled pods to their nodes and detaches them, waiting 6 min for a node that stopped reporting;
 * {@link io.kubesim.controllers.volume.PvcProtection} keeps claims in use. They meet the scheduler's
 * VolumeBinding plugin (which writes the selected-node annotation) and the kubelet (which waits
 * for the attach) only through the store. {@link io.kubesim.controllers.volume.VolumeControllers}
 * starts them; {@link io.kubesim.controllers.volume.PersistentVolumeClaims} is how any controller
 * creates and deletes claims; {@link io.kubesim.controllers.volume.VolumeStats} is the summary.
 */
package io.kubesim.controllers.volume;
