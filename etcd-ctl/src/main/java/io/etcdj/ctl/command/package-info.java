/**
 * The etcdctl v2 command line (STYLE 14): one class per command, each with its definition ({@link
 * io.etcdj.ctl.command.CommandDef}: name, help text, flags), parsed as Go's flag package parses
 * ({@link io.etcdj.ctl.command.FlagSet}), the shared output formatter {@link
 * io.etcdj.ctl.command.ResponsePrinter}, the shared error to exit-code mapper {@link
 * io.etcdj.ctl.command.ErrorHandler}, and {@link io.etcdj.ctl.command.CommandRunner}, which parses
 * a command line and returns its exit code.
 */
package io.etcdj.ctl.command;
