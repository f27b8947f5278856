/** {@code kubesim audit}: the command and its text, JSON and SARIF renderings of the findings. */
package io.kubesim.cli.audit;
