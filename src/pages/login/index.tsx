/** Sign in as a demo user of the local cloud (H5, and the devtools without a cloud env). */
import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { StateView } from '../../components/state-view';
import { useStores } from '../../stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { navigate } from '../routes';
import './index.scss';

function LoginPage() {
  const { session } = useStores();
  useEffect(() => {
    void session.loadUsers();
  }, [session]);
  const users = session.users;
  if (users.status === 'error') {
    return (
      <StateView status="error" message={errorMessage(users.errorCode)} onRetry={() => void session.loadUsers()} />
    );
  }
  if (users.status !== 'ready') return <StateView status="loading" />;
  return (
    <View className="page login">
      <Text className="login__title">{strings.login.title}</Text>
      <Text className="muted">{strings.login.subtitle}</Text>
      <View className="login__list">
        {users.data!.map((u) => (
          <View
            key={u.user}
            className="panel login__user"
            data-testid={`login-${u.user}`}
            onClick={() => void session.signIn(u.user).then((ok) => ok && navigate.back())}
          >
            <View className="login__avatar">{u.nickname.slice(0, 1)}</View>
            <View className="login__who">
              <Text className="login__name">{u.nickname}</Text>
              <Text className="muted">{strings.login.roles[u.role] ?? u.role}</Text>
            </View>
            {session.signingIn === u.user && <Text className="muted">{strings.login.signingIn}</Text>}
          </View>
        ))}
      </View>
      {session.errorCode && <Text className="error-text">{errorMessage(session.errorCode)}</Text>}
    </View>
  );
}

export default observer(LoginPage);
