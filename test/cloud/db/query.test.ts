/**
 * The local database's own matching and paging decide the common cases without building a mingo
 * query: whatever they decide must be what mingo (Mongo's semantics) decides.
 */
import fc from 'fast-check';
import { Query } from 'mingo';
import 'mingo/init/system';
import { matcher, select } from '../../../cloudfunctions/local/db/query';
import { parseEjson, stringifyDoc } from '../../../cloudfunctions/local/db/ejson';

const field = fc.constantFrom('a', 'b', 'state', '_id');
const scalar = fc.oneof(fc.constantFrom('x', 'y', ''), fc.integer({ min: -2, max: 2 }), fc.boolean());
const value = fc.oneof(scalar, fc.constant(null), fc.array(scalar, { maxLength: 3 }), fc.record({ x: scalar }));
const doc = fc.dictionary(field, value, { maxKeys: 4 });
const criteria = fc.dictionary(field, scalar, { maxKeys: 3 });

test('should match plain equalities exactly as mingo does, arrays and missing fields included', () => {
  fc.assert(
    fc.property(criteria, fc.array(doc, { maxLength: 8 }), (c, docs) => {
      const ours = docs.map(matcher(c));
      const mingo = docs.map((d) => new Query(c).test(d));
      expect(ours).toEqual(mingo);
    }),
    { numRuns: 500 },
  );
});

test('should page already-matched documents as mingo does, a limit of 0 meaning none', () => {
  fc.assert(
    fc.property(fc.array(doc, { maxLength: 12 }), fc.nat(14), fc.nat(14), (docs, offset, limit) => {
      const mingo = new Query({}).find(docs).skip(offset).limit(limit).all();
      expect(select(docs, {}, { offset, limit })).toEqual(mingo);
    }),
    { numRuns: 300 },
  );
});

test('should read stored text the same whether or not it carries EJSON wrappers', () => {
  const withDate = { _id: 'd', at: new Date(1_800_000_000_000), n: 3, s: 'price "$5"' };
  expect(parseEjson(stringifyDoc(withDate))).toEqual(withDate);
  const plain = { _id: 'p', n: 2 ** 40, list: [1, 'a', true], nested: { x: null } };
  expect(parseEjson(stringifyDoc(plain))).toEqual(plain);
});
