import * as sasl from '@iamkit/mongodb-aws-sasl';
import { describe, expect, it } from 'vitest';
import * as mongodbAws from '../src/index.js';

describe('@iamkit/mongodb-aws', () => {
  it('re-exports every runtime export of @iamkit/mongodb-aws-sasl, the very same values', () => {
    const own = mongodbAws as Record<string, unknown>;
    for (const [name, value] of Object.entries(sasl)) {
      expect(own[name], name).toBe(value);
    }
  });

});
