import { describe, expect, it } from 'vitest';
import { childElement, parseXml, XmlSyntaxError } from '../src/xml.js';

const DOCUMENT = `<?xml version="1.0" encoding="UTF-8"?>
<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:s3-access-example</AssumedRoleId>
      <Arn>arn:aws:sts::123456789012:assumed-role/xaccounts3access/s3-access-example</Arn>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAJEXAMPLEXEG2JICEA</AccessKeyId>
      <SecretAccessKey>9drTJvcXLB89EXAMPLELB8923FB892xMFI</SecretAccessKey>
      <SessionToken>AQoXdzELDDY//////////wEaoAK1wvxJY12r2IrDFT2IvAzTCn3zHoZ7YNtpiQLF0MqZye/qwjzP2iEXAMPLEbw/m3hsj8VBTkPORGvr9jM5sgP+w9IZWZnU+LWhmg+a5fDi2oTGUYcdg9uexQ4mtCHIHfi4citgqZTgco40Yqr4lIlo4V2b2Dyauk0eYFNebHtYlFVgAUj+7Indz3LU0aTWk1WKIjHmmMCIoTkyYp/k7kUG7moeEYKSitwQIi6Gjn+nyzM+PtoA3685ixzv0R7i5rjQi0YE0lf1oeie3bDiNHncmzosRM6SFiPzSvp6h/32xQuZsjcypmwsPSDtTPYcs0+YN/8BRi2/IcrxSpnWEXAMPLEXSDFTAQAM6Dl9zR0tXoybnlrZIwMLlMi1Kcgo5OytwU=</SessionToken>
      <Expiration>2019-11-09T13:34:41Z</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>
`;

function failure(text: string): XmlSyntaxError {
  try {
    parseXml(text);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text.slice(0, 60)}`);
}

describe('parseXml', () => {
  it('parses an STS document into elements, attributes and text', () => {
    const root = parseXml(DOCUMENT);
    expect(root.name).toBe('AssumeRoleResponse');
    expect(root.attributes).toEqual({ xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/' });
    const result = childElement(root, 'AssumeRoleResult');
    const credentials = result === undefined ? undefined : childElement(result, 'Credentials');
    expect(credentials?.children.map((c) => c.name)).toEqual(['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    expect(credentials === undefined ? undefined : childElement(credentials, 'Expiration')?.text).toBe('2019-11-09T13:34:41Z');
    expect(result?.text).toBe('');
  });

  it('decodes the predefined entities and character references', () => {
    const root = parseXml(`<M a="&quot;x&apos;">&lt;b&gt; &amp; &#65;&#x42;&#x1F600; &#10;</M>`);
    expect(root.text).toBe('<b> & AB\u{1F600} \n');
    expect(root.attributes.a).toBe(`"x'`);
  });

  it('accepts a BOM, comments and an empty element, and keeps leaf whitespace', () => {
    const root = parseXml('\uFEFF<!-- c --><A><!-- inner --><B/><C>  x  </C></A>\n<!-- after -->\n');
    expect(root.children.map((c) => [c.name, c.text])).toEqual([
      ['B', ''],
      ['C', '  x  '],
    ]);
  });

  it('refuses what STS never sends, as malformed (not truncated)', () => {
    const cases: [string, RegExp][] = [
      ['<!DOCTYPE x [<!ENTITY e "boom">]><A>&e;</A>', /DOCTYPE/],
      ['<A><![CDATA[x]]></A>', /CDATA/],
      ['<A>&e;</A>', /unknown entity &e;/],
      ['<A>a & b</A>', /"&" must start an entity reference/],
      ['<A>&#0;</A>', /not an XML character/],
      ['<A>&#xD800;</A>', /not an XML character/],
      ['<A><B></A></B>', /<\/A> closes <B>/],
      ['<A>text<B/></A>', /mixes text with elements/],
      ['<A></A><B></B>', /content after the document element/],
      ['<A></A>junk', /content after the document element/],
      ['<A x="1" x="2"/>', /appears twice/],
      ['<A x=1/>', /must be quoted/],
      ['<A x="a<b"/>', /"<" in the value/],
      ['<1A/>', /expected an element or attribute name/],
      ['hello', /expected "<"/],
      ['<A><?pi x?></A>', /unexpected markup/],
      ['<A>]]></A>', /"\]\]>" in character data/],
    ];
    for (const [text, reason] of cases) {
      const error = failure(text);
      expect([text, error.message]).toEqual([text, expect.stringMatching(reason)]);
      expect(error.truncated).toBe(false);
    }
  });

  it('limits nesting depth', () => {
    expect(failure(`${'<a>'.repeat(40)}${'</a>'.repeat(40)}`).message).toMatch(/deeper than 32/);
  });

  it('reports every proper prefix of a document as truncated, and parses only the whole', () => {
    const body = DOCUMENT.trimEnd();
    let truncated = 0;
    for (let end = 0; end < body.length; end++) {
      const error = failure(body.slice(0, end));
      if (error.truncated) truncated++;
    }
    // Every cut lands inside the document: all of them are "truncated", none "malformed".
    expect(truncated).toBe(body.length);
    expect(parseXml(body).name).toBe('AssumeRoleResponse');
  });

  it('childElement refuses a repeated element', () => {
    const root = parseXml('<A><B>1</B><B>2</B></A>');
    expect(() => childElement(root, 'B')).toThrow(/<B> appears twice in <A>/);
    expect(childElement(root, 'C')).toBeUndefined();
  });
});
