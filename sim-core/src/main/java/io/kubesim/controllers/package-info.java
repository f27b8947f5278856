/**
 * The controller manager's reconcile loops: ReplicaSet, Deployment, EndpointSlice and pod garbage
 * collection.
 *
 * <p>Each controller is level-based, as controller-runtime reconcilers are: a watch enqueues only
 * an object's key in the controller's {@link io.kubesim.controllers.WorkQueue}; the reconcile
 * re-reads the current state from the store and may ask to run again after a delay. Because the
 * store is read directly (it doubles as the informer cache and is always current), the
 * "expectations" upstream uses to wait for its own writes to show up are not needed.
 */
package io.kubesim.controllers;
