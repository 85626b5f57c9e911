import { Form } from "@remix-run/react";
import type { ComparedField, DiffPart, VersionComparison, VersionOption } from "~/models/article/version-comparison.server";
import { formatDateTime } from "~/utils/time";
import { FormError } from "./form-field";
import { Time } from "./time";

/**
 * Two versions of a story side by side. A plain GET form picks them, so it works without JavaScript;
 * changed words are <ins>/<del>, styled with underline and strike-through as well as colour, and say
 * "added"/"removed" to screen readers. Every part is rendered as text.
 */

function optionLabel(option: VersionOption): string {
  const saved = `saved by ${option.savedByName}, ${formatDateTime(option.savedAt)}`;
  return option.current ? `Current version (${saved})` : `Version ${saved}`;
}

function VersionSelect({ name, label, options, selected }: { name: string; label: string; options: VersionOption[]; selected?: string }) {
  const id = `compare-${name}`;
  return (
    <div className="field version-compare__choice">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={selected}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Parts({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.change === "added" ? (
          <ins key={index}>
            <span className="visually-hidden">[added: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : part.change === "removed" ? (
          <del key={index}>
            <span className="visually-hidden">[removed: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

function Side({
  option,
  side,
  field,
  parts,
}: {
  option: VersionOption;
  side: "Older" | "Newer";
  field: ComparedField["field"];
  parts: DiffPart[];
}) {
  return (
    <div className="version-compare__side">
      <p className="version-compare__side-heading">
        {side}: {option.current ? "current version" : `saved by ${option.savedByName}`}, <Time iso={option.savedAt} />
      </p>
      <div className={`version-compare__text version-compare__text--${field}`}>{parts.length === 0 ? "(none)" : <Parts parts={parts} />}</div>
    </div>
  );
}

function Field({ field, from, to }: { field: ComparedField; from: VersionOption; to: VersionOption }) {
  return (
    <section className="version-compare__field" aria-labelledby={`compare-field-${field.field}`}>
      <h3 id={`compare-field-${field.field}`}>
        {field.label}
        {field.changed ? null : <span className="version-compare__unchanged"> (no changes)</span>}
      </h3>
      <div className="version-compare__sides">
        <Side option={from} side="Older" field={field.field} parts={field.before} />
        <Side option={to} side="Newer" field={field.field} parts={field.after} />
      </div>
    </section>
  );
}

export function EditorVersionComparison({
  options,
  comparison,
}: {
  options: VersionOption[];
  comparison: VersionComparison;
}) {
  return (
    <section className="version-compare" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare two versions</h2>
      <Form method="get" className="version-compare__form">
        <VersionSelect name="from" label="Older version" options={options} selected={comparison.ok ? comparison.from.value : undefined} />
        <VersionSelect name="to" label="Newer version" options={options} selected={comparison.ok ? comparison.to.value : undefined} />
        <button type="submit" className="button--secondary">
          Compare
        </button>
      </Form>
      {comparison.ok ? (
        <>
          <p className="version-compare__key">
            Words only in the older version are <del>struck through</del>; words only in the newer one are <ins>underlined</ins>.
          </p>
          {comparison.fields.map((field) => (
            <Field key={field.field} field={field} from={comparison.from} to={comparison.to} />
          ))}
        </>
      ) : (
        <FormError message={comparison.message} />
      )}
    </section>
  );
}
