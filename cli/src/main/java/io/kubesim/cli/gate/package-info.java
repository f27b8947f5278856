/**
 * Checking CI gates against a run: {@link io.kubesim.cli.gate.GateMeasurements} reads each
 * quantity out of summary.json's tree, {@link io.kubesim.cli.gate.GateVerdict} is one gate's
 * outcome, {@link io.kubesim.cli.gate.JUnitReport} writes the verdicts as JUnit XML for CI
 * servers.
 */
package io.kubesim.cli.gate;
