/**
 * Profiles: the nickname and avatar a person chose once (WeChat's chooseAvatar and nickname field,
 * or an image or drawn default on H5), one document per person keyed by their OPENID. Friends see
 * them on the gifts that person sends (the claim page's envelope). The avatar's kinds and byte cap
 * are domain/profile.ts's; a refused input writes nothing.
 */
import type { WalletActions } from '../../../src/contracts/wallet';
import { AVATAR_TEXT_MAX, avatarProblem, PROFILE_LIMITS, type Profile } from '../../../src/domain/profile';
import { getDatabase, rows } from '../cloud';
import { now } from '../clock';
import { C } from '../collections';
import { action, type ActionsFor } from '../router';
import { personTextSchema, z } from '../validate';

type Out<A extends keyof WalletActions> = WalletActions[A]['output'];

type StoredProfile = Profile & { _id: string; updatedAt: number };

const avatarSchema = z
  .string()
  .max(AVATAR_TEXT_MAX)
  .superRefine((avatar, ctx) => {
    const problem = avatarProblem(avatar);
    if (problem)
      ctx.addIssue({ code: 'custom', message: problem === 'tooLarge' ? 'avatar too large' : 'malformed avatar' });
  });

/** Someone's profile, or null before they chose one. */
export async function profileOf(openId: string): Promise<Profile | null> {
  if (openId === '') return null;
  const doc = rows<StoredProfile>(await getDatabase().collection(C.profiles).where({ _id: openId }).limit(1).get())[0];
  return doc ? { nickname: doc.nickname, avatar: doc.avatar } : null;
}

export const profileActions = {
  profile: action({
    access: 'user',
    input: z.object({}).strict(),
    run: async (_input, caller): Promise<Out<'profile'>> => ({ profile: await profileOf(caller.openId) }),
  }),

  saveProfile: action({
    access: 'user',
    input: z.object({ nickname: personTextSchema(1, PROFILE_LIMITS.nicknameMax), avatar: avatarSchema }).strict(),
    run: async ({ nickname, avatar }, caller): Promise<Out<'saveProfile'>> => {
      await getDatabase()
        .collection(C.profiles)
        .doc(caller.openId)
        .set({ data: { nickname, avatar, updatedAt: now() } });
      return { profile: { nickname, avatar } };
    },
  }),
} satisfies ActionsFor<Pick<WalletActions, 'profile' | 'saveProfile'>>;
