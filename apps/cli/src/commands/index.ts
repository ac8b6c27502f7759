import type { CommandSpec } from '../command-spec';
import { cancelCommand } from './cancel';
import { keysCreateCommand, keysListCommand, keysRevokeCommand } from './keys';
import { listCommand } from './list';
import { statusCommand } from './status';
import { submitCommand } from './submit';
import { sweepCommand } from './sweep';
import { teamsCreateCommand, teamsListCommand, teamsShowCommand } from './teams';

/** Every `jobgate <command>`, in the order `jobgate help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  submitCommand,
  sweepCommand,
  statusCommand,
  listCommand,
  cancelCommand,
  teamsCreateCommand,
  teamsListCommand,
  teamsShowCommand,
  keysCreateCommand,
  keysListCommand,
  keysRevokeCommand,
];
