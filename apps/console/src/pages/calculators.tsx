import { useState } from 'preact/hooks';
import type { ApiError } from '../api.ts';
import {
  buildBody,
  CALCULATION_FORMS,
  CALCULATION_KINDS,
  type CalculationKind,
  type FieldSpec,
  type FormState,
  initialState,
  type LocalError,
  removeGroupItem,
} from '../calculator-forms.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { formatNumber, withUnit } from '../format.ts';
import { toApiError, useDocumentTitle } from '../hooks.ts';
import { labelOf, type Messages } from '../i18n/index.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';
import type { CalculationResult, Lang } from '../types.ts';

const fieldId = (path: string) => `calc-${path.replace(/\./g, '-')}`;

export function CalculatorsPage({ kind }: { kind: string | null }) {
  const { t } = useSession();
  const current: CalculationKind = CALCULATION_KINDS.find((k) => k === kind) ?? 'dwelling-load';
  useDocumentTitle(`${t.calc.title} — ${labelOf(t.calc.kinds, current)}`);
  return (
    <div class="page">
      <h1 id="page-title" tabIndex={-1}>
        {t.calc.title}
      </h1>
      <p>{t.calc.intro}</p>
      <nav class="segmented" aria-label={t.calc.kindLabel}>
        {CALCULATION_KINDS.map((k) => (
          <Link key={k} href={`/calculations/${k}`} aria-current={k === current ? 'page' : undefined}>
            {labelOf(t.calc.kinds, k)}
          </Link>
        ))}
      </nav>
      <CalculatorForm key={current} kind={current} />
    </div>
  );
}

/** One calculation's form, its result with steps and rule references, and its field errors. */
function CalculatorForm({ kind }: { kind: CalculationKind }) {
  const { api, t, lang, announce } = useSession();
  const fields = CALCULATION_FORMS[kind];
  const [state, setState] = useState<FormState>(() => initialState(fields));
  const [localErrors, setLocalErrors] = useState<Record<string, LocalError>>({});
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<CalculationResult | null>(null);
  const [busy, setBusy] = useState(false);

  const serverFieldErrors: Record<string, string> = {};
  for (const e of serverError?.problem.errors ?? []) serverFieldErrors[e.path] = e.message;
  const errorFor = (path: string): string | null => {
    const local = localErrors[path];
    if (local) return local === 'required' ? t.calc.required : t.calc.notANumber;
    return serverFieldErrors[path] ?? null;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setServerError(null);
    const { body, errors } = buildBody(fields, state);
    setLocalErrors(errors);
    const firstBad = Object.keys(errors)[0];
    if (firstBad) {
      document.getElementById(fieldId(firstBad))?.focus();
      return;
    }
    setBusy(true);
    try {
      const res = await api.post<CalculationResult>(`/v1/calculations/${kind}`, body);
      setResult(res);
      announce(t.calc.resultTitle);
    } catch (err) {
      const apiError = toApiError(err);
      setServerError(apiError);
      setResult(null);
      const first = apiError.problem.errors?.[0]?.path;
      const target = first ? document.getElementById(fieldId(first)) : null;
      target?.focus();
    } finally {
      setBusy(false);
    }
  };

  const badCount = Object.keys(localErrors).length;
  return (
    <div class="calculator">
      <form class="card form" onSubmit={submit} noValidate data-testid={`calc-form-${kind}`}>
        <h2>{labelOf(t.calc.kinds, kind)}</h2>
        <Fields fields={fields} prefix="" state={state} setState={setState} errorFor={errorFor} />
        {badCount > 0 ? (
          <p class="field-error" role="alert">
            {t.calc.fixErrors(badCount)}
          </p>
        ) : null}
        <div>
          <button type="submit" class="button" disabled={busy}>
            {busy ? t.calc.computing : t.calc.submit}
          </button>
        </div>
        {serverError ? <ProblemAlert error={serverError} /> : null}
      </form>
      {result ? <CalculationResultView kind={kind} result={result} t={t} lang={lang} /> : null}
    </div>
  );
}

type FieldsProps = {
  fields: readonly FieldSpec[];
  prefix: string;
  state: FormState;
  setState: (update: (s: FormState) => FormState) => void;
  errorFor: (path: string) => string | null;
};

function Fields({ fields, prefix, state, setState, errorFor }: FieldsProps) {
  const { t } = useSession();
  const setValue = (path: string, value: string) =>
    setState((s) => ({ ...s, values: { ...s.values, [path]: value } }));

  return (
    <div class="fields">
      {fields.map((f) => {
        const path = prefix ? `${prefix}.${f.name}` : f.name;
        const id = fieldId(path);
        const label = labelOf(t.calc.fields, f.name);
        const error = errorFor(path);
        const describedBy = error ? `${id}-error` : undefined;
        const errorText = error ? (
          <p id={`${id}-error`} class="field-error">
            {error}
          </p>
        ) : null;
        const value = state.values[path] ?? '';

        if (f.kind === 'group') {
          const count = state.counts[path] ?? 0;
          const itemLabel = (i: number) => (f.name === 'units' ? t.calc.unitN(i + 1) : `${label} ${i + 1}`);
          return (
            <fieldset key={path} class="group" id={id} tabIndex={-1} aria-describedby={describedBy}>
              <legend>{f.name === 'units' ? t.calc.units : label}</legend>
              {errorText}
              {Array.from({ length: count }, (_, i) => (
                <fieldset key={`${path}.${i}`} class="group-item">
                  <legend>{itemLabel(i)}</legend>
                  <Fields
                    fields={f.fields}
                    prefix={`${path}.${i}`}
                    state={state}
                    setState={setState}
                    errorFor={errorFor}
                  />
                  {count > f.min ? (
                    <button
                      type="button"
                      class="button button-secondary"
                      onClick={() => setState((s) => removeGroupItem(s, path, i))}
                    >
                      {t.calc.remove} <span class="visually-hidden">{itemLabel(i)}</span>
                    </button>
                  ) : null}
                </fieldset>
              ))}
              <button
                type="button"
                class="button button-secondary"
                onClick={() =>
                  setState((s) => {
                    const next = initialState(f.fields, `${path}.${count}`, {
                      values: { ...s.values },
                      counts: { ...s.counts },
                    });
                    next.counts[path] = count + 1;
                    return next;
                  })
                }
              >
                {t.calc.add}{' '}
                <span class="visually-hidden">{f.name === 'units' ? t.calc.addUnit : label}</span>
              </button>
            </fieldset>
          );
        }

        if (f.kind === 'checkbox') {
          return (
            <div key={path} class="field field-check">
              <label class="check" for={id}>
                <input
                  id={id}
                  type="checkbox"
                  checked={value === 'true'}
                  onChange={(e) => setValue(path, e.currentTarget.checked ? 'true' : '')}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={describedBy}
                />
                <span>{label}</span>
              </label>
              {errorText}
            </div>
          );
        }

        if (f.kind === 'select') {
          return (
            <div key={path} class="field">
              <label for={id}>{label}</label>
              <select
                id={id}
                value={value}
                onChange={(e) => setValue(path, e.currentTarget.value)}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={describedBy}
              >
                {f.optional ? <option value="">{labelOf(t.calc.options, 'unset')}</option> : null}
                {f.options.map((o) => (
                  <option key={o} value={o}>
                    {labelOf(t.calc.options, o)}
                  </option>
                ))}
              </select>
              {errorText}
            </div>
          );
        }

        const required = f.kind === 'number' && f.required === true;
        return (
          <div key={path} class="field">
            <label for={id}>
              {label}
              {required ? (
                <span class="required" aria-hidden="true">
                  {' '}
                  *
                </span>
              ) : (
                <span class="muted small"> ({t.calc.optional})</span>
              )}
            </label>
            <input
              id={id}
              name={path}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={value}
              onInput={(e) => setValue(path, e.currentTarget.value)}
              aria-required={required ? 'true' : undefined}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={describedBy}
            />
            {errorText}
          </div>
        );
      })}
    </div>
  );
}

/** Result fields shown in the summary, per kind (the steps carry the rest). */
const SUMMARY_FIELDS: Record<CalculationKind, readonly string[]> = {
  'dwelling-load': [
    'livingAreaM2',
    'calculatedLoadW',
    'minimumLoadW',
    'demandLoadW',
    'currentA',
    'minimumOvercurrentA',
    'serviceSizeA',
    'serviceConductor',
  ],
  'apartment-load': [
    'calculatedLoadW',
    'demandLoadW',
    'currentA',
    'minimumOvercurrentA',
    'serviceSizeA',
    'serviceConductor',
  ],
  'conductor-size': ['size', 'ampacityA', 'requiredAmpacityA', 'table', 'maxOvercurrentA'],
  'voltage-drop': ['dropV', 'dropPercent', 'limitPercent', 'withinLimit'],
  'box-fill': ['requiredML', 'availableML', 'conductorEquivalents', 'withinLimit'],
};

/** A result value with its unit, from the field-name suffix (…W, …A, …Percent, …ML, …M2, …V). */
export function formatResultValue(name: string, value: unknown, t: Messages, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') {
    if (name === 'withinLimit') return value ? t.calc.withinLimit : t.calc.overLimit;
    return value ? t.calc.yes : t.calc.no;
  }
  if (name === 'serviceConductor' && typeof value === 'object') return formatServiceConductor(value, t);
  if (typeof value !== 'number') return String(value);
  const units: Array<[RegExp, string]> = [
    [/Percent$/, '%'],
    [/ML$/, 'mL'],
    [/M2$/, 'm²'],
    [/W$/, 'W'],
    [/A$/, 'A'],
    [/V$/, 'V'],
  ];
  const unit = units.find(([re]) => re.test(name))?.[1];
  return unit ? withUnit(value, unit, lang) : formatNumber(value, lang);
}

/** `{ copper, aluminum, table }` → "2/0 AWG Cu / 4/0 AWG Al (Tableau 39)". */
function formatServiceConductor(value: object, t: Messages): string {
  const { copper, aluminum, table } = value as {
    copper?: string | null;
    aluminum?: string | null;
    table?: string;
  };
  const tableLabel = table === '39' ? t.calc.table39 : t.calc.tables24;
  return `${copper ?? '—'} Cu / ${aluminum ?? '—'} Al (${tableLabel})`;
}

function CalculationResultView({
  kind,
  result,
  t,
  lang,
}: {
  kind: CalculationKind;
  result: CalculationResult;
  t: Messages;
  lang: Lang;
}) {
  const units = Array.isArray(result.units) ? (result.units as Array<Record<string, unknown>>) : [];
  return (
    <section class="card result" aria-labelledby="result-title" data-testid="calc-result">
      <h2 id="result-title">{t.calc.resultTitle}</h2>
      <dl class="result-summary">
        {SUMMARY_FIELDS[kind]
          .filter((name) => name in result)
          .map((name) => (
            <div key={name} data-field={name}>
              <dt>{labelOf(t.calc.results, name)}</dt>
              <dd class={name === 'withinLimit' ? (result[name] ? 'ok' : 'bad') : undefined}>
                {formatResultValue(name, result[name], t, lang)}
              </dd>
            </div>
          ))}
      </dl>
      {units.length > 0 ? (
        <div class="table-scroll">
          <table class="table">
            <caption>{t.calc.units}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                {['livingAreaM2', 'calculatedLoadW', 'demandLoadW', 'currentA', 'minimumOvercurrentA'].map(
                  (n) => (
                    <th scope="col" class="num" key={n}>
                      {labelOf(t.calc.results, n)}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {units.map((u, i) => (
                <tr key={String(u.unit ?? i)}>
                  <th scope="row">{t.calc.unitN(Number(u.unit ?? i + 1))}</th>
                  {['livingAreaM2', 'calculatedLoadW', 'demandLoadW', 'currentA', 'minimumOvercurrentA'].map(
                    (n) => (
                      <td class="num" key={n}>
                        {formatResultValue(n, u[n], t, lang)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div class="table-scroll">
        <table class="table steps-table" data-testid="calc-steps">
          <caption>{t.calc.stepsTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.calc.stepRule}</th>
              <th scope="col">{t.calc.stepLabel}</th>
              <th scope="col" class="num">
                {t.calc.stepValue}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.steps.map((s, i) => (
              <tr key={`${s.ruleRef}-${i}`}>
                <td>
                  <code>{s.ruleRef}</code>
                </td>
                <td>{s.label}</td>
                <td class="num">{s.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t.calc.ruleRefs}</h3>
      <ul class="rule-refs" data-testid="calc-rule-refs">
        {result.ruleRefs.map((r) => (
          <li key={r}>
            <code>{r}</code>
          </li>
        ))}
      </ul>
      {result.assumptions.length > 0 ? (
        <>
          <h3>{t.calc.assumptions}</h3>
          <ul>
            {result.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
