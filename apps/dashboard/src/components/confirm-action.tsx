import { useEffect, useRef, useState } from 'preact/hooks';
import { asApiError } from '../api/api-error';

export interface ConfirmActionProps {
  /** The button, e.g. "Cancel job". */
  label: string;
  /** The question asked before acting, e.g. "Cancel job foo? ModelArts stops it." */
  question: string;
  /** The confirming button, e.g. "Yes, cancel job". */
  confirmLabel: string;
  /** Why the action is not available (a job that has ended); the button is disabled while set. */
  disabledReason: string | null;
  /** Performs the action and returns what to tell the user. */
  run: () => Promise<string>;
}

/**
 * A destructive action behind an inline confirmation (not window.confirm, so it is styled, keyboard
 * friendly and Escape backs out). The outcome is announced in a status region.
 */
export function ConfirmAction({ label, question, confirmLabel, disabledReason, run }: ConfirmActionProps) {
  const [phase, setPhase] = useState<'idle' | 'confirming' | 'running'>('idle');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (phase === 'confirming') confirmButton.current?.focus();
  }, [phase]);
  // "Cancel requested…" is stale once the job has ended: the status shown says the rest.
  useEffect(() => {
    if (disabledReason) setOutcome((o) => (o?.ok ? null : o));
  }, [disabledReason]);

  const back = () => {
    setPhase('idle');
    // Focus returns where it came from, once the button is back.
    setTimeout(() => startButton.current?.focus(), 0);
  };
  const confirm = async () => {
    setPhase('running');
    try {
      setOutcome({ ok: true, text: await run() });
    } catch (err) {
      setOutcome({ ok: false, text: asApiError(err).message });
    }
    setPhase('idle');
  };
  const hintId = `${label.replace(/\W+/g, '-').toLowerCase()}-hint`;
  return (
    <div class="confirm-action">
      {phase === 'idle' ? (
        <button
          type="button"
          class="danger"
          ref={startButton}
          disabled={disabledReason !== null}
          aria-describedby={disabledReason ? hintId : undefined}
          onClick={() => {
            setOutcome(null);
            setPhase('confirming');
          }}
        >
          {label}
        </button>
      ) : (
        <div class="confirm-box" role="group" aria-label={question} onKeyDown={(e) => e.key === 'Escape' && phase === 'confirming' && back()}>
          <p>{question}</p>
          <button type="button" class="danger" ref={confirmButton} disabled={phase === 'running'} onClick={confirm}>
            {phase === 'running' ? 'Working…' : confirmLabel}
          </button>
          <button type="button" disabled={phase === 'running'} onClick={back}>
            Keep it
          </button>
        </div>
      )}
      {disabledReason && (
        <small id={hintId} class="muted">
          {disabledReason}
        </small>
      )}
      <p role="status" class={outcome?.ok === false ? 'error-text' : 'ok-text'}>
        {outcome?.text ?? ''}
      </p>
    </div>
  );
}
