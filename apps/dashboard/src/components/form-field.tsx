export interface FormFieldProps {
  id: string;
  label: string;
  /** What the API said about this field; the input gets aria-invalid and points at it. */
  error?: string;
  hint?: string;
  value: string;
  onInput: (value: string) => void;
  inputMode?: 'text' | 'numeric' | 'url';
  placeholder?: string;
  required?: boolean;
}

/** A labelled text input with its hint and, after a refused submit, the API's message for it. */
export function FormField({ id, label, error, hint, value, onInput, inputMode = 'text', placeholder, required }: FormFieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required ? '' : <span class="muted small"> (optional)</span>}
      </label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        value={value}
        placeholder={placeholder}
        spellcheck={false}
        autoComplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
        aria-required={required ? 'true' : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <small id={`${id}-error`} class="field-error">
          {error}
        </small>
      )}
    </div>
  );
}
