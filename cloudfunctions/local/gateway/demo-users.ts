/**
 * The demo users of a local cloud in development or test mode: one per role in product.md.
 * Their OPENIDs are fixed so seed data (roles, cards) can refer to them.
 */
export type DemoRole = 'holder' | 'recipient' | 'clerk' | 'operator';

export interface DemoUser {
  user: string;
  openId: string;
  nickname: string;
  role: DemoRole;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { user: 'alice', openId: 'o-demo-alice', nickname: '林小满', role: 'holder' },
  { user: 'bob', openId: 'o-demo-bob', nickname: '周一鸣', role: 'recipient' },
  { user: 'carol', openId: 'o-demo-carol', nickname: '陈店员', role: 'clerk' },
  { user: 'dave', openId: 'o-demo-dave', nickname: '赵运营', role: 'operator' },
];

export function findDemoUser(user: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.user === user);
}
