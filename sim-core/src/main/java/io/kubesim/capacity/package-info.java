/**
 * Capacity planning: the smallest cluster (node count, or the cheapest of several node shapes)
 * that keeps a scenario within its service-level objective, also when the busiest node or zone
 * is lost at the worst moment. Each answer comes with the runs that justify it.
 */
package io.kubesim.capacity;
