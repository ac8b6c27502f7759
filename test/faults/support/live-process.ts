import type { Role, RoleProcess, Stack } from '../../support/stack';

/** The stack's running process of `role` (the one a chaos step kills next). */
export function liveProcess(stack: Stack, role: Role): RoleProcess {
  const proc = stack.processes.find((p) => p.role === role && p.child.exitCode === null && p.child.signalCode === null);
  if (!proc) throw new Error(`no ${role} process is running`);
  return proc;
}

/** Processes of the stack that have exited (none may, unless the scenario killed them). */
export function exitedProcesses(stack: Stack): string[] {
  return stack.processes
    .filter((p) => p.child.exitCode !== null || p.child.signalCode !== null)
    .map((p) => `${p.role} (${p.child.exitCode ?? p.child.signalCode})`);
}
