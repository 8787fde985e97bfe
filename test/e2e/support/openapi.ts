import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ApiErrorCode } from '../../../apps/api/src/errors/api-error';

/**
 * The served OpenAPI document as the end-to-end tests read it: its operations by operationId, and
 * a check that an answer is one the operation documents, with a body its schema accepts. The
 * contract tests and the bad-input properties both judge answers with it.
 */

export interface Schema {
  type?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  nullable?: boolean;
  default?: unknown;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
export interface Response {
  description: string;
  headers?: Record<string, { required?: boolean; schema: Schema }>;
  content?: Record<string, { schema?: Schema }>;
  'x-error-codes'?: ApiErrorCode[];
}
export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
  security?: Array<Record<string, string[]>>;
  'x-banso-roles'?: string[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
export interface Documented {
  path: string;
  method: string;
  op: Operation;
}
export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export const headerParams = (op: Operation) =>
  (op.parameters ?? []).filter((p) => p.in === 'header');
export const queryParams = (op: Operation) => (op.parameters ?? []).filter((p) => p.in === 'query');
export const pathParams = (op: Operation) => (op.parameters ?? []).filter((p) => p.in === 'path');
export const secured = (op: Operation) => (op.security ?? []).some((s) => 'bearer' in s);
export const bodySchemaOf = (op: Operation) => op.requestBody?.content['application/json']?.schema;

export const ERROR_BODY_REF = '#/components/schemas/ErrorBody';

export class OpenApiContract {
  readonly operations = new Map<string, Documented>();
  readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: Array<{ pattern: RegExp; method: string; operationId: string }> = [];

  constructor(readonly doc: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ components: doc.components }, 'doc');
    for (const [path, item] of Object.entries(doc.paths)) {
      // Matched as Express matches a route: case-insensitive, a parameter one non-empty segment.
      const source = path
        .split(/(\{[^}]+\})/)
        .map((part) =>
          /^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('');
      for (const [method, op] of Object.entries(item)) {
        this.operations.set(op.operationId, { path, method, op });
        const pattern = new RegExp(`^${source}/?$`, 'i');
        this.routes.push({ pattern, method: method.toUpperCase(), operationId: op.operationId });
      }
    }
  }

  /** The document the API serves. */
  static async load(baseUrl: string): Promise<OpenApiContract> {
    const res = await fetch(`${baseUrl}/docs-json`);
    if (res.status !== 200) throw new Error(`GET /docs-json answered ${res.status}`);
    return new OpenApiContract((await res.json()) as OpenApiDocument);
  }

  operation(operationId: string): Documented {
    const found = this.operations.get(operationId);
    if (!found) throw new Error(`the document has no operation ${operationId}`);
    return found;
  }

  validator(ref: string) {
    const validate = this.ajv.getSchema(`doc${ref}`);
    if (!validate) throw new Error(`no schema ${ref}`);
    return validate;
  }

  /**
   * The operation a request reaches, by its method and (undecoded) path: undefined for a path the
   * document does not list, or a method the path does not take.
   */
  operationAt(method: string, path: string): string | undefined {
    const pathname = path.split(/[?#]/)[0] as string;
    const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    return this.routes.find((r) => r.method === m && r.pattern.test(pathname))?.operationId;
  }

  /** Why the answer is not one the operation documents, or undefined when it is. */
  undocumented(operationId: string, answer: Answer): string | undefined {
    const { op } = this.operation(operationId);
    const response = op.responses[String(answer.status)];
    const said = `${operationId} answered ${answer.status}: ${answer.text.slice(0, 500)}`;
    if (!response) return `${said}\n(a status it does not document)`;
    if (answer.headers.get('content-type')?.startsWith('text/csv')) {
      // A CSV answer is documented as such, and starts with the byte-order mark Excel needs.
      if (!response.content?.['text/csv']) return `${said}\n(CSV, documented as JSON only)`;
      if (!answer.text.startsWith('\uFEFF')) return `${said}\n(CSV without a byte-order mark)`;
      return undefined;
    }
    const ref = response.content?.['application/json']?.schema?.$ref;
    if (!ref) return `${operationId} ${answer.status} has no schema`;
    const validate = this.validator(ref);
    if (!validate(answer.body)) {
      return `${said}\n(the body does not match ${ref}: ${this.ajv.errorsText(validate.errors)})`;
    }
    const codes = response['x-error-codes'];
    const code = (answer.body as { error?: { code?: ApiErrorCode } }).error?.code;
    if (codes && !codes.includes(code as ApiErrorCode)) {
      return `${said}\n(${String(code)} is not among the codes documented for ${answer.status}: ${codes.join(', ')})`;
    }
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if (header.required && answer.headers.get(name) === null) {
        return `${said}\n(without its header ${name})`;
      }
    }
    return undefined;
  }

  /** Why the answer is not in the one error shape, or undefined when it is. */
  notAnError(answer: Answer): string | undefined {
    const validate = this.validator(ERROR_BODY_REF);
    if (validate(answer.body)) return undefined;
    return `${answer.status} ${answer.text.slice(0, 500)}\n(not the error body: ${this.ajv.errorsText(validate.errors)})`;
  }
}
