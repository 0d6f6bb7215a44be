/**
 * 加入商户: a signed-in user enters (or arrives with) an invite code and their name, joins as a
 * clerk, then goes to the till. Not behind StaffGate: the joiner has no staff role yet.
 */
import { View, Text } from '@tarojs/components';
import { Input } from '../../../components/input';
import { useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import { ActionButton } from '../../../components/action-button';
import { StateView } from '../../../components/state-view';
import { OPERATOR_LIMITS } from '../../../contracts/operator';
import { entryOf } from '../../../pages/entry-params';
import { navigate } from '../../../pages/routes';
import { useSignedIn } from '../../../pages/use-signed-in';
import { useStaffStores } from '../../stores';
import { useStores } from '../../../stores';
import { errorMessage, strings } from '../../../strings/zh-CN';
import { merchantStrings } from '../../../strings/zh-CN.merchant';
import '../../operator.scss';

const j = merchantStrings.operator.join;

const Join = observer(function Join({ initialCode }: { initialCode: string }) {
  const { team, clerk } = useStaffStores();
  const { session } = useStores();
  const [code, setCode] = useState(initialCode);
  const [name, setName] = useState('');
  const joined = team.joined;
  const submit = async () => {
    // The till reads the profile again: the new role must show there at once.
    if (await team.join(code, name)) {
      session.markStaff();
      void clerk.loadProfile();
    }
  };
  if (joined)
    return (
      <View className="page">
        <View className="panel" data-testid="join-done">
          <Text className="panel__title">{joined.name}</Text>
          <Text>{j.done(joined.stores.map((s) => `${s.brandName} ${s.name}`).join('、'))}</Text>
        </View>
        <View className="action-bar">
          <ActionButton onPress={() => navigate.merchantScan()} testId="join-to-till">
            {j.toTill}
          </ActionButton>
        </View>
      </View>
    );
  return (
    <View className="page">
      <View className="panel">
        <Text className="op-label">{j.code}</Text>
        <Input
          className="field"
          value={code}
          placeholder={j.codePlaceholder}
          maxlength={OPERATOR_LIMITS.inviteCodeMax}
          onInput={(e) => setCode(e.detail.value)}
          data-testid="join-code"
        />
        <Text className="op-label">{j.name}</Text>
        <Input
          className="field"
          value={name}
          placeholder={j.namePlaceholder}
          maxlength={OPERATOR_LIMITS.staffNameMax}
          onInput={(e) => setName(e.detail.value)}
          data-testid="join-name"
        />
        {team.action.errorCode && (
          <Text className="error-text" data-testid="join-error">
            {errorMessage(team.action.errorCode)}
          </Text>
        )}
      </View>
      <View className="action-bar">
        <ActionButton disabled={team.action.busy || !code.trim() || !name.trim()} onPress={submit} testId="join-submit">
          {team.action.busy ? j.joining : j.submit}
        </ActionButton>
      </View>
    </View>
  );
});

const JoinPage = observer(function JoinPage() {
  // Its own query (a link), a 小程序码 (scene: the code itself), or a scanned link (q).
  const code = entryOf(useRouter().params, 'code')?.value ?? '';
  const signedIn = useSignedIn(() => undefined);
  if (!signedIn)
    return (
      <StateView
        status="empty"
        message={strings.merchant.signIn}
        onRetry={() => navigate.login()}
        actionText={strings.state.signIn}
      />
    );
  return <Join initialCode={code} />;
});

export default JoinPage;
