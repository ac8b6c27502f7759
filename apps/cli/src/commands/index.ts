import type { CommandSpec } from '../command-spec';
import { cancelCommand } from './cancel';
import { completionCommand } from './completion';
import { deliveriesCommand, redeliverCommand } from './deliveries';
import { enginesCommand, specsCommand } from './catalog';
import { keysCreateCommand, keysListCommand, keysRevokeCommand } from './keys';
import { listCommand } from './list';
import { logsCommand } from './logs';
import { rerunCommand } from './rerun';
import { statusCommand } from './status';
import { submitCommand } from './submit';
import { sweepCommand } from './sweep';
import { sweepsCommand } from './sweeps';
import { teamsCreateCommand, teamsListCommand, teamsShowCommand } from './teams';

/** Every `jobgate <command>`, in the order `jobgate help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  submitCommand,
  sweepCommand,
  statusCommand,
  listCommand,
  sweepsCommand,
  logsCommand,
  rerunCommand,
  cancelCommand,
  deliveriesCommand,
  redeliverCommand,
  specsCommand,
  enginesCommand,
  teamsCreateCommand,
  teamsListCommand,
  teamsShowCommand,
  keysCreateCommand,
  keysListCommand,
  keysRevokeCommand,
  completionCommand,
];
