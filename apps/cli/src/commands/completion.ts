import { UsageError } from '../cli-error';
import type { CommandContext, CommandSpec } from '../command-spec';
import { completionModel, SHELLS, type Shell } from '../completion/completion-model';
import { fishScript } from '../completion/fish-script';
import { posixScript } from '../completion/posix-script';
import { println } from '../output';

export const completionCommand: CommandSpec = {
  name: 'completion',
  synopsis: 'completion <bash|zsh|fish>',
  summary: 'print a shell completion script for jobgate, made from its own commands',
  args: ['shell'],
  options: {},
  optionHelp: [
    ['<shell>', 'bash: source <(jobgate completion bash)'],
    ['', 'zsh:  source <(jobgate completion zsh)   (after compinit)'],
    ['', 'fish: jobgate completion fish | source'],
  ],
  completions: { shell: SHELLS },
  offline: true,
  run: completion,
};

/** Needs no jobgate: the script is made from the command table alone. */
async function completion(ctx: CommandContext): Promise<number> {
  const shell = ctx.positionals[0]!;
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`unknown shell "${shell}": choose ${SHELLS.join(', ')}`, 'completion');
  // Shell code with no control characters but newlines: println leaves it as it is.
  println(ctx.output.stdout, completionScript(shell as Shell, ctx.commands).trimEnd());
  return 0;
}

function completionScript(shell: Shell, commands: readonly CommandSpec[]): string {
  const model = completionModel(commands);
  return shell === 'fish' ? fishScript(model) : posixScript(model, shell);
}
