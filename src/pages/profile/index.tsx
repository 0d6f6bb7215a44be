/**
 * The profile, chosen once: an avatar and a nickname that friends see on the gifts this person
 * sends. In WeChat, the avatar comes from the `chooseAvatar` button and the nickname field offers
 * the WeChat nickname (`type="nickname"`); H5 has neither, so it offers an image file instead. Both
 * offer the drawn default avatars.
 */
import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { ActionButton } from '../../components/action-button';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { Input } from '../../components/input';
import { StateView } from '../../components/state-view';
import { AVATAR_PRESETS, PROFILE_LIMITS, avatarProblem, presetAvatarArt } from '../../domain/profile';
import { avatarImage } from '../../services/avatar-image';
import { useStores } from '../../stores';
import { useProfile } from '../../stores/page-stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import { navigate } from '../routes';
import './index.scss';

const s = giftingStrings.profile;
const IN_WECHAT = process.env.TARO_ENV === 'weapp';

function ProfilePage() {
  const { session } = useStores();
  const profile = useProfile();
  const loaded = profile.view.status === 'ready';
  const [nickname, setNickname] = useState<string | null>(null);
  const [avatar, setAvatar] = useState<string | null>(null);
  const [imageFailed, setImageFailed] = useState(false);
  const shownName = nickname ?? (profile.nickname || session.session?.user.nickname || '');
  // Before one is chosen, the first drawn default (shown selected, so what is saved is what is seen).
  const shownAvatar = avatar ?? profile.profile?.avatar ?? `preset:${AVATAR_PRESETS[0]}`;
  if (!session.signedIn)
    return (
      <StateView status="empty" message={s.signIn} onRetry={() => navigate.login()} actionText={strings.state.signIn} />
    );
  if (profile.view.status === 'error')
    return (
      <StateView status="error" message={errorMessage(profile.view.errorCode)} onRetry={() => void profile.reload()} />
    );
  if (!loaded) return <StateView status="loading" />;
  const picked = async (path: string): Promise<void> => {
    try {
      const image = await avatarImage(path);
      const usable = avatarProblem(image) === null;
      setImageFailed(!usable);
      if (usable) setAvatar(image);
    } catch {
      setImageFailed(true);
    }
  };
  const pickFile = async (): Promise<void> => {
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] }).catch(() => undefined);
    const path = res?.tempFilePaths[0];
    if (path) await picked(path);
  };
  const ready = shownName.trim() !== '' && !profile.saving;
  const save = async (): Promise<void> => {
    if (await profile.save({ nickname: shownName, avatar: shownAvatar })) {
      void Taro.showToast({ title: s.saved, icon: 'success' });
      navigate.back();
    }
  };
  return (
    <View className="page profile">
      <View className="panel profile__head">
        <Avatar avatar={shownAvatar} name={shownName} size={88} />
        <Text className="muted profile__hint">{s.hint}</Text>
        {IN_WECHAT ? (
          <Button
            className="btn btn--ghost profile__choose"
            openType="chooseAvatar"
            onChooseAvatar={(e) => void picked(e.detail.avatarUrl)}
            data-testid="profile-wechat-avatar"
          >
            {s.wechatAvatar}
          </Button>
        ) : (
          <ActionButton ghost className="profile__choose" onPress={pickFile} testId="profile-pick-image">
            {s.pickImage}
          </ActionButton>
        )}
        {imageFailed && <Text className="error-text">{s.imageFailed}</Text>}
      </View>
      <View className="panel">
        <Text className="profile__label">{s.presets}</Text>
        <View className="profile__presets">
          {AVATAR_PRESETS.map((id) => (
            <View
              key={id}
              className={`profile__preset${shownAvatar === `preset:${id}` ? ' profile__preset--active' : ''}`}
              onClick={() => setAvatar(`preset:${id}`)}
              aria-label={s.presetNames[id]}
              data-testid={`profile-preset-${id}`}
            >
              <Avatar avatar={presetAvatarArt(id)} name={s.presetNames[id]} size={38} />
            </View>
          ))}
        </View>
        <Text className="profile__label">{s.nickname}</Text>
        <Input
          className="field"
          type={IN_WECHAT ? 'nickname' : 'text'}
          value={shownName}
          maxlength={PROFILE_LIMITS.nicknameMax}
          placeholder={s.nicknamePlaceholder}
          onInput={(e) => setNickname(e.detail.value)}
          onBlur={(e) => setNickname(e.detail.value)}
          data-testid="profile-nickname"
        />
        {profile.errorCode && <Text className="error-text">{errorMessage(profile.errorCode)}</Text>}
        <ActionButton className="profile__save" disabled={!ready} onPress={save} testId="profile-save">
          {profile.saving ? s.saving : s.save}
        </ActionButton>
      </View>
    </View>
  );
}

export default observer(ProfilePage);
