/**
 * A small, strict XML parser for STS documents — no DTDs, no CDATA, no processing instructions
 * besides the declaration, no mixed content. Anything else is an {@link XmlSyntaxError}, with
 * `truncated` set when the text ends inside the document (a cut-off response).
 */

/** An element: its name, attributes, child elements and (for leaves) its decoded text. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Decoded character data; whitespace between child elements is dropped. */
  readonly text: string;
}

/** Why a document was refused, and where. */
export class XmlSyntaxError extends Error {
  readonly position: number;
  readonly truncated: boolean;

  constructor(reason: string, position: number, truncated: boolean) {
    super(reason);
    this.name = 'XmlSyntaxError';
    this.position = position;
    this.truncated = truncated;
  }
}

const MAX_DEPTH = 32;
const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[A-Za-z0-9_.:-]/;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class Parser {
  readonly #text: string;
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  fail(reason: string, at = this.#pos): never {
    throw new XmlSyntaxError(reason, at, false);
  }

  end(what: string): never {
    throw new XmlSyntaxError(`the document ends inside ${what}`, this.#text.length, true);
  }

  #startsWith(token: string): boolean {
    return this.#text.startsWith(token, this.#pos);
  }

  // Markup that no later ">" can close was cut off, whatever it would have been.
  #markupCut(what: string): void {
    if (!this.#text.includes('>', this.#pos)) this.end(what);
  }

  #skipWhitespace(): void {
    while (this.#pos < this.#text.length && /\s/.test(this.#text.charAt(this.#pos))) this.#pos++;
  }

  // Comments are allowed anywhere between elements; DOCTYPE, CDATA and other PIs are not STS.
  #skipMisc(): void {
    for (;;) {
      this.#skipWhitespace();
      if (this.#startsWith('<')) this.#markupCut('markup');
      if (this.#startsWith('<!--')) {
        const close = this.#text.indexOf('-->', this.#pos + 4);
        if (close < 0) this.end('a comment');
        this.#pos = close + 3;
      } else if (this.#startsWith('<!DOCTYPE') || this.#startsWith('<!doctype')) {
        this.fail('a DOCTYPE is not allowed in an STS response');
      } else if (this.#startsWith('<?')) {
        this.fail('a processing instruction is not allowed here');
      } else {
        return;
      }
    }
  }

  document(): XmlElement {
    if (this.#text.charCodeAt(0) === 0xfeff) this.#pos = 1;
    if (this.#startsWith('<')) this.#markupCut('the prolog');
    if (this.#startsWith('<?xml')) {
      const close = this.#text.indexOf('?>', this.#pos);
      if (close < 0) this.end('the XML declaration');
      this.#pos = close + 2;
    }
    this.#skipMisc();
    if (this.#pos >= this.#text.length) this.end('the prolog (no element)');
    if (!this.#startsWith('<')) this.fail('expected "<" to open the document element');
    const root = this.#element(1);
    this.#skipMisc();
    if (this.#pos < this.#text.length) this.fail('content after the document element');
    return root;
  }

  #name(): string {
    const start = this.#pos;
    if (this.#pos >= this.#text.length) this.end('a name');
    if (!NAME_START.test(this.#text.charAt(this.#pos))) this.fail('expected an element or attribute name');
    this.#pos++;
    while (this.#pos < this.#text.length && NAME_CHAR.test(this.#text.charAt(this.#pos))) this.#pos++;
    return this.#text.slice(start, this.#pos);
  }

  #element(depth: number): XmlElement {
    if (depth > MAX_DEPTH) this.fail(`elements nest deeper than ${MAX_DEPTH} levels`);
    this.#pos++; // '<'
    const name = this.#name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = this.#pos;
      this.#skipWhitespace();
      if (this.#pos >= this.#text.length) this.end(`the start tag of <${name}>`);
      if (this.#startsWith('/>')) {
        this.#pos += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (this.#startsWith('>')) {
        this.#pos++;
        break;
      }
      if (this.#pos === before) this.fail(`expected whitespace, ">" or "/>" in the start tag of <${name}>`);
      const attribute = this.#name();
      if (Object.hasOwn(attributes, attribute)) this.fail(`attribute ${attribute} appears twice on <${name}>`);
      this.#skipWhitespace();
      if (this.#pos >= this.#text.length) this.end(`the start tag of <${name}>`);
      if (!this.#startsWith('=')) this.fail(`expected "=" after attribute ${attribute}`);
      this.#pos++;
      this.#skipWhitespace();
      if (this.#pos >= this.#text.length) this.end(`the start tag of <${name}>`);
      const quote = this.#text.charAt(this.#pos);
      if (quote !== '"' && quote !== "'") this.fail(`attribute ${attribute} must be quoted`);
      const close = this.#text.indexOf(quote, this.#pos + 1);
      if (close < 0) this.end(`the value of attribute ${attribute}`);
      const raw = this.#text.slice(this.#pos + 1, close);
      if (raw.includes('<')) this.fail(`"<" in the value of attribute ${attribute}`);
      attributes[attribute] = this.#decode(raw, this.#pos + 1);
      this.#pos = close + 1;
    }
    return this.#content(name, attributes, depth);
  }

  #content(name: string, attributes: Record<string, string>, depth: number): XmlElement {
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const lt = this.#text.indexOf('<', this.#pos);
      if (lt < 0) this.end(`<${name}>`);
      const raw = this.#text.slice(this.#pos, lt);
      if (raw.includes(']]>')) this.fail('"]]>" in character data', this.#pos + raw.indexOf(']]>'));
      text += this.#decode(raw, this.#pos);
      this.#pos = lt;
      this.#markupCut(`<${name}>`);
      if (this.#startsWith('</')) {
        this.#pos += 2;
        const closing = this.#pos >= this.#text.length ? this.end(`<${name}>`) : this.#name();
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`);
        this.#skipWhitespace();
        if (this.#pos >= this.#text.length) this.end(`the end tag of <${name}>`);
        if (!this.#startsWith('>')) this.fail(`expected ">" to end </${name}>`);
        this.#pos++;
        break;
      }
      if (this.#startsWith('<!--')) {
        const close = this.#text.indexOf('-->', this.#pos + 4);
        if (close < 0) this.end('a comment');
        this.#pos = close + 3;
      } else if (this.#startsWith('<![CDATA[')) {
        this.fail('CDATA sections are not used by STS');
      } else if (this.#startsWith('<!') || this.#startsWith('<?')) {
        this.fail(`unexpected markup in <${name}>`);
      } else if (this.#pos + 1 >= this.#text.length) {
        this.end(`<${name}>`);
      } else {
        children.push(this.#element(depth + 1));
      }
    }
    if (children.length > 0) {
      if (text.trim() !== '') this.fail(`<${name}> mixes text with elements`);
      text = '';
    }
    return { name, attributes, children, text };
  }

  #decode(raw: string, at: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s<]*)(;?)/g, (match, entity: string, semi: string, offset: number) => {
      if (semi === '') {
        if (at + offset + match.length >= this.#text.length) this.end('an entity reference');
        this.fail('"&" must start an entity reference such as &amp;', at + offset);
      }
      const predefined = PREDEFINED[entity];
      if (predefined !== undefined) return predefined;
      const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(entity);
      if (numeric === null) this.fail(`unknown entity &${entity.slice(0, 16)};`, at + offset);
      const code = numeric[1] === undefined ? Number(numeric[2]) : Number.parseInt(numeric[1], 16);
      const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (!allowed) this.fail(`character reference &${entity}; is not an XML character`, at + offset);
      return String.fromCodePoint(code);
    });
  }
}

/**
 * Parses a whole XML document strictly and returns its document element. Throws
 * {@link XmlSyntaxError} for anything malformed or incomplete.
 *
 * @example
 * ```ts
 * const root = parseXml('<A xmlns="x"><B>1 &amp; 2</B></A>');
 * root.children[0]?.text; // '1 & 2'
 * ```
 */
export function parseXml(text: string): XmlElement {
  return new Parser(text).document();
}

/** The one child element named `name`, `undefined` when absent; a repeated one is malformed. */
export function childElement(parent: XmlElement, name: string): XmlElement | undefined {
  let found: XmlElement | undefined;
  for (const child of parent.children) {
    if (child.name !== name) continue;
    if (found !== undefined) throw new XmlSyntaxError(`<${name}> appears twice in <${parent.name}>`, 0, false);
    found = child;
  }
  return found;
}
