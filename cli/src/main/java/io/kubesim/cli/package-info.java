/**
 * The {@code kubesim} command (picocli). Each subcommand is a small {@code Callable<Integer>};
 * {@link io.kubesim.cli.Main} maps exceptions to exit codes in one place: 0 ok, 1 internal error,
 * 2 bad input (each error a {@code FILE:LINE:COL: message} line, never a stack trace).
 */
package io.kubesim.cli;
