/**
 * CI gates: the grammar {@code QUANTITY[SELECTOR] OP BOUND} shared by {@code run --fail-on} and a
 * scenario's {@code gates:} list. {@link io.kubesim.scenarios.gate.GateExpression} parses one
 * expression; {@link io.kubesim.scenarios.gate.GateQuantity} is the table of quantities (names and
 * what their selector picks); the cli module measures them over summary.json.
 */
package io.kubesim.scenarios.gate;
