/** The action router's tables: merged tables keep every action and refuse a name defined twice. */
import { clerkActions } from '../../cloudfunctions/core/redeem/clerk-actions';
import { merchantActions } from '../../cloudfunctions/core/merchant/merchant-actions';
import { operatorActions } from '../../cloudfunctions/core/merchant/operator-actions';
import { reportActions } from '../../cloudfunctions/core/reports/report-actions';
import { expiryOperatorActions } from '../../cloudfunctions/core/expiry/expiry-actions';
import { mergeTables } from '../../cloudfunctions/core/router';

test('should serve every action of the tables merged into the merchant function', () => {
  const parts = [clerkActions, operatorActions, reportActions, expiryOperatorActions].flatMap((t) => Object.keys(t));
  expect(Object.keys(merchantActions).sort()).toEqual([...parts, 'issueBatch'].sort());
});

test('should refuse to merge two tables that both define an action, naming it', () => {
  expect(() => mergeTables(clerkActions, { redeem: clerkActions.inspect })).toThrow('action redeem is defined twice');
});
