// STS answers in XML (the Query protocol). Only two shapes matter here, read with targeted,
// anchored matches instead of a full parser: no entity other than the five predefined ones and
// numeric references can appear in these documents.

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

function element(xml: string, path: readonly string[]): string | undefined {
  let scope = xml;
  for (const name of path) {
    const open = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?:\\s[^>]*)?>`).exec(scope);
    if (open === null) return undefined;
    const rest = scope.slice(open.index + open[0].length);
    const close = new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${name}\\s*>`).exec(rest);
    if (close === null) return undefined;
    scope = rest.slice(0, close.index);
  }
  return unescape(scope.trim());
}

/** `GetCallerIdentityResponse/GetCallerIdentityResult/Arn`, or undefined. @internal */
export function callerArn(xml: string): string | undefined {
  const arn = element(xml, ['GetCallerIdentityResponse', 'GetCallerIdentityResult', 'Arn']);
  return arn === undefined || arn === '' ? undefined : arn;
}

/** `ErrorResponse/Error/{Code,Message}` of an STS error, when the body has one. @internal */
export function stsError(xml: string): { readonly code: string | undefined; readonly message: string | undefined } {
  return { code: element(xml, ['ErrorResponse', 'Error', 'Code']), message: element(xml, ['ErrorResponse', 'Error', 'Message']) };
}
