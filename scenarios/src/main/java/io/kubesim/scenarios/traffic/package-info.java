/**
 * Reading recorded traffic: per-request timestamp traces, per-minute or per-second rate traces
 * and the Azure Functions 2019 per-function matrix, streamed row by row into arrival specs.
 */
package io.kubesim.scenarios.traffic;
