import { Enum, MapField, Type, type FieldBase } from 'protobufjs';
import { WIRE_LEN, WIRE_VARINT } from '../decoders/protobuf-wire';
import { isPackable, SCALAR_WIRE_TYPES } from './scalars';

/**
 * What the decoder and encoder need to know of a field, worked out once per field from the
 * protobufjs reflection and cached: its getters (fullName walks the parents; esbuild's CommonJS
 * interop makes every `instanceof Type` a getter call) cost too much per value on a 1 MiB frame.
 */
export interface FieldPlan {
  readonly field: FieldBase;
  readonly name: string;
  /** The JSON name (lowerCamelCase, or the json_name option). */
  readonly key: string;
  readonly number: number;
  /** A map's value kind when `map`. */
  readonly kind: 'scalar' | 'enum' | 'message';
  /** The scalar type (a map's value type), or the type's name for enums and messages. */
  readonly type: string;
  /** Wire type of one value (not packed). */
  readonly wireType: number;
  readonly repeated: boolean;
  readonly packable: boolean;
  /** Repeated values are written packed. */
  readonly packed: boolean;
  /** Written as a group (proto2 `group`, editions DELIMITED). */
  readonly delimited: boolean;
  readonly map: { readonly keyType: string } | null;
  readonly enumType: Enum | null;
  readonly messageType: Type | null;
  /** google.protobuf.Value or NullValue: JSON null is a value, not "unset". */
  readonly nullable: boolean;
  /** JSON keys of the other members of its oneof (cleared when it is set). */
  readonly oneofSiblings: readonly string[];
}

export interface TypePlan {
  /** Without the leading dot: `shop.v1.Order`. */
  readonly name: string;
  readonly shortName: string;
  readonly byNumber: ReadonlyMap<number, FieldPlan>;
  /** By JSON name and by .proto name. */
  readonly byKey: ReadonlyMap<string, FieldPlan>;
  /** In field-number order. */
  readonly fields: readonly FieldPlan[];
  /** Fields whose type is not in the registry, by .proto name. */
  readonly unresolved: ReadonlySet<string>;
  readonly oneofs: readonly { readonly name: string; readonly members: readonly FieldPlan[] }[];
}

const plans = new WeakMap<Type, TypePlan>();
const names = new WeakMap<object, string>();

/** A reflection object's full name without the leading dot, cached. */
export function nameOf(object: Type | Enum): string {
  let name = names.get(object);
  if (name === undefined) names.set(object, (name = object.fullName.slice(1)));
  return name;
}

export function planOf(type: Type): TypePlan {
  let plan = plans.get(type);
  if (!plan) plans.set(type, (plan = makePlan(type)));
  return plan;
}

function makePlan(type: Type): TypePlan {
  // A proto3 `optional` field sits alone in a synthetic oneof: it has no siblings to clear.
  const oneofs = type.oneofsArray.filter((oneof) => oneof.fieldsArray.length > 1);
  const siblings = new Map<FieldBase, string[]>();
  for (const oneof of oneofs)
    for (const member of oneof.fieldsArray)
      siblings.set(
        member,
        oneof.fieldsArray.filter((other) => other !== member).map((other) => other.jsonName || other.name),
      );
  const fields: FieldPlan[] = [];
  const unresolved = new Set<string>();
  for (const field of type.fieldsArray) {
    const plan = fieldPlan(field, siblings.get(field) ?? []);
    if (plan) fields.push(plan);
    else unresolved.add(field.name);
  }
  fields.sort((a, b) => a.number - b.number);
  const byKey = new Map<string, FieldPlan>();
  for (const plan of fields) byKey.set(plan.name, plan).set(plan.key, plan);
  return {
    name: nameOf(type),
    shortName: type.name,
    byNumber: new Map(fields.map((plan) => [plan.number, plan])),
    byKey,
    fields,
    unresolved,
    oneofs: oneofs.map((oneof) => ({
      name: oneof.name,
      members: fields.filter((plan) => oneof.fieldsArray.includes(plan.field as never)),
    })),
  };
}

function fieldPlan(field: FieldBase, oneofSiblings: readonly string[]): FieldPlan | null {
  try {
    field.resolve();
  } catch {
    // Reported when the files were loaded; the field then reads as unknown.
    return null;
  }
  const element = field.resolvedType;
  const enumType = element instanceof Enum ? element : null;
  const messageType = element instanceof Type ? element : null;
  const kind = messageType ? 'message' : enumType ? 'enum' : 'scalar';
  const elementName = element ? nameOf(element) : '';
  const packable = kind !== 'message' && isPackable(field.type);
  const flags = field as { packed?: boolean; delimited?: boolean };
  return {
    field,
    name: field.name,
    key: field.jsonName || field.name,
    number: field.id,
    kind,
    type: element ? elementName : field.type,
    wireType:
      kind === 'message' ? WIRE_LEN : kind === 'enum' ? WIRE_VARINT : (SCALAR_WIRE_TYPES[field.type] ?? WIRE_LEN),
    repeated: field.repeated,
    packable,
    packed: packable && field.repeated && flags.packed === true,
    delimited: kind === 'message' && flags.delimited === true,
    map: field instanceof MapField ? { keyType: field.keyType } : null,
    enumType,
    messageType,
    nullable: elementName === 'google.protobuf.Value' || elementName === 'google.protobuf.NullValue',
    oneofSiblings,
  };
}
