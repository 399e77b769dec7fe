/**
 * The building blocks of this repository's own schema tables (a CRD's structure, a chart's value
 * tree): small JSON Schema (draft-07) constructors, and one validator that compiles each table
 * once, on first use, with ajv. An object built with `obj` is closed: a key it does not list is an
 * unknown field. `map` is an object whose keys are free (labels, annotations, pass-through blocks).
 */
import Ajv, { type ValidateFunction } from "ajv";
import { type K8sFinding, findingsFromAjv } from "./findings";

export type TableSchema = Record<string, unknown>;

export const str = (extra: TableSchema = {}): TableSchema => ({ type: "string", ...extra });
export const int = (extra: TableSchema = {}): TableSchema => ({ type: "integer", ...extra });
export const bool = (): TableSchema => ({ type: "boolean" });
export const oneOf = (...values: (string | number | boolean | null)[]): TableSchema => ({ enum: values });
/** Any of these JSON types (`types("string", "null")`). */
export const types = (...names: string[]): TableSchema => ({ type: names });
/** A Kubernetes int-or-string (`x-kubernetes-int-or-string`). */
export const intOrString = (): TableSchema => ({ anyOf: [{ type: "integer" }, { type: "string" }] });
/** Anything (a value the chart passes through, or whose type its defaults leave open). */
export const anything = (): TableSchema => ({});
/** A scalar whose default is empty (null in values.yaml): string, number, boolean or null. */
export const scalar = (): TableSchema => ({ type: ["string", "number", "boolean", "null"] });
/** A list. */
export const arr = (items?: TableSchema): TableSchema => (items ? { type: "array", items } : { type: "array" });
/** A closed object: only these keys; `required` lists those that must be present. */
export const obj = (properties: Record<string, TableSchema>, required: string[] = []): TableSchema => ({
    type: "object",
    properties,
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
});
/** An object with free keys, each value matching `values` when given (labels: `map(str())`). */
export const map = (values?: TableSchema): TableSchema => ({ type: "object", additionalProperties: values ?? true });
/** `schema` or null (a value that may be left empty). */
export const orNull = (schema: TableSchema): TableSchema => ({ anyOf: [schema, { type: "null" }] });

let ajv: Ajv | undefined;
const compiled = new WeakMap<TableSchema, ValidateFunction>();

/** Validates `value` against a table; compiles the table on first use. */
export function validateWithTable(schema: TableSchema, value: unknown, check: K8sFinding["check"], where: string): K8sFinding[] {
    ajv ??= new Ajv({ allErrors: true, verbose: true, strict: false });
    let validate = compiled.get(schema);
    if (!validate) {
        validate = ajv.compile(schema);
        compiled.set(schema, validate);
    }
    if (validate(value)) return [];
    return findingsFromAjv(validate.errors, value, check, where);
}
