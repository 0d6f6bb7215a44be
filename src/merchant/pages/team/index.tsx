/** 门店与店员: the brand's stores (add, rename), its staff (remove a clerk) and clerk invites. */
import { View, Text, Image } from '@tarojs/components';
import { Input } from '../../../components/input';
import Taro, { useDidHide, useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import { ActionButton } from '../../../components/action-button';
import { QrCode } from '../../../components/qr-code';
import { StateView } from '../../../components/state-view';
import { chinaTime } from '../../../components/china-time';
import { OPERATOR_LIMITS, type OperatorStoreView } from '../../../contracts/operator';
import { useStaffStores } from '../../stores';
import { errorMessage, strings } from '../../../strings/zh-CN';
import { merchantStrings } from '../../../strings/zh-CN.merchant';
import { BrandPills } from '../../brand-pills';
import { joinLink } from '../../join-link';
import { useSignedIn } from '../../../pages/use-signed-in';
import { StaffGate } from '../../staff-gate';
import { Chip } from '../../../components/chip';
import '../../operator.scss';

const t = merchantStrings.operator.team;

const StoreRow = observer(function StoreRow({ store }: { store: OperatorStoreView }) {
  const { team } = useStaffStores();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(store.name);
  const [address, setAddress] = useState(store.address);
  if (!editing)
    return (
      <View className="op-row" data-testid="store-row">
        <View className="op-row__main">
          <Text className="op-row__name">{store.name}</Text>
          <Text className="muted">{store.address}</Text>
        </View>
        <Text className="op-link" onClick={() => setEditing(true)} data-testid="store-rename">
          {t.storeRename}
        </Text>
      </View>
    );
  return (
    <View className="op-row">
      <View className="op-row__main">
        <Input
          className="field"
          value={name}
          maxlength={OPERATOR_LIMITS.storeNameMax}
          onInput={(e) => setName(e.detail.value)}
          data-testid="store-name"
        />
        <Input
          className="field"
          value={address}
          maxlength={OPERATOR_LIMITS.addressMax}
          onInput={(e) => setAddress(e.detail.value)}
          data-testid="store-address"
        />
      </View>
      <Text
        className="op-link"
        onClick={async () => {
          if (await team.updateStore(store.id, name, address)) setEditing(false);
        }}
        data-testid="store-save"
      >
        {t.storeSave}
      </Text>
    </View>
  );
});

const Stores = observer(function Stores() {
  const { operator, team } = useStaffStores();
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const stores = operator.brand?.stores ?? [];
  return (
    <View className="panel">
      <Text className="panel__title">{t.stores}</Text>
      {stores.map((s) => (
        <StoreRow key={`${s.id}:${s.name}`} store={s} />
      ))}
      <Text className="op-label">{t.storeAdd}</Text>
      <Input
        className="field"
        value={name}
        placeholder={t.storeName}
        maxlength={OPERATOR_LIMITS.storeNameMax}
        onInput={(e) => setName(e.detail.value)}
        data-testid="store-new-name"
      />
      <Input
        className="field"
        value={address}
        placeholder={t.storeAddress}
        maxlength={OPERATOR_LIMITS.addressMax}
        onInput={(e) => setAddress(e.detail.value)}
        data-testid="store-new-address"
      />
      <ActionButton
        ghost
        disabled={team.action.busy || !name.trim() || !address.trim()}
        onPress={async () => {
          if (await team.addStore(name, address)) {
            setName('');
            setAddress('');
          }
        }}
        testId="store-add"
      >
        {t.storeAdd}
      </ActionButton>
    </View>
  );
});

const Staff = observer(function Staff() {
  const { team } = useStaffStores();
  const view = team.staff;
  const ask = async (id: string, name: string) => {
    const answer = await Taro.showModal({ title: t.removeTitle, content: t.removeBody(name), confirmColor: '#cc3a2d' });
    if (answer.confirm) await team.removeClerk(id);
  };
  return (
    <View className="panel">
      <Text className="panel__title">{t.staff}</Text>
      {view.status === 'error' && (
        <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void team.loadTeam()} />
      )}
      {view.status === 'loading' && !view.data && <StateView status="loading" />}
      {view.status === 'empty' && <Text className="muted">{t.staffEmpty}</Text>}
      {(view.data ?? []).map((m) => (
        <View key={m.id} className="op-row" data-testid="staff-row">
          <View className="op-row__main">
            <Text className="op-row__name">
              {m.name}
              {m.me ? ` (${t.me})` : ''}
            </Text>
            <Text className="muted">
              {strings.merchant.roles[m.role]} · {m.stores.map((s) => s.name).join('、')}
            </Text>
          </View>
          {m.role === 'clerk' && (
            <Text className="op-link" onClick={() => void ask(m.id, m.name)} data-testid="staff-remove">
              {t.remove}
            </Text>
          )}
        </View>
      ))}
    </View>
  );
});

const Invites = observer(function Invites() {
  const { operator, team } = useStaffStores();
  const [chosen, setChosen] = useState<string[]>([]);
  const stores = operator.brand?.stores ?? [];
  const created = team.createdInvite;
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  return (
    <View className="panel">
      <Text className="panel__title">{t.invites}</Text>
      <Text className="op-label">{t.inviteStores}</Text>
      <View>
        {stores.map((s) => (
          <Chip key={s.id} active={chosen.includes(s.id)} onPress={() => toggle(s.id)} testId="invite-store">
            {s.name}
          </Chip>
        ))}
      </View>
      <ActionButton
        disabled={team.action.busy || chosen.length === 0}
        onPress={() => team.createInvite(chosen)}
        testId="invite-create"
      >
        {t.inviteCreate}
      </ActionButton>
      {created && (
        <View data-testid="invite-created">
          <Text className="op-label">{t.inviteCode}</Text>
          <Text className="op-code" data-testid="invite-code">
            {created.code}
          </Text>
          <Text className="op-warning">{t.inviteOnce}</Text>
          <Text className="op-label">{t.inviteLink}</Text>
          <Text className="muted" userSelect data-testid="invite-link">
            {joinLink(created.path)}
          </Text>
          <View className="op-qr">
            <QrCode text={joinLink(created.path)} size={160} />
          </View>
          {created.wxacode && (
            <>
              <Text className="op-label">{t.inviteWxacode}</Text>
              <View className="op-qr">
                <Image className="op-wxacode" src={created.wxacode} mode="aspectFit" data-testid="invite-wxacode" />
              </View>
            </>
          )}
        </View>
      )}
      {team.invites.status === 'empty' && <Text className="muted">{t.invitesEmpty}</Text>}
      {(team.invites.data ?? []).map((i) => (
        <View key={i.id} className="op-row" data-testid="invite-row" data-state={i.state}>
          <View className="op-row__main">
            <Text className="op-row__name">{i.stores.map((s) => s.name).join('、')}</Text>
            <Text className="muted">
              {t.inviteStates[i.state]} ·{' '}
              {i.joinedName ? t.joinedBy(i.joinedName) : chinaTime(i.expiresAt, 'MM-DD HH:mm')}
            </Text>
          </View>
          {i.state === 'open' && (
            <Text className="op-link" onClick={() => void team.revokeInvite(i.id)} data-testid="invite-revoke">
              {t.inviteRevoke}
            </Text>
          )}
        </View>
      ))}
    </View>
  );
});

const Team = observer(function Team() {
  const { operator, team } = useStaffStores();
  // The invite code is shown once: leaving the page forgets it.
  useDidHide(() => team.forgetInvite());
  if (operator.brands.status === 'error')
    return (
      <StateView
        status="error"
        message={errorMessage(operator.brands.errorCode)}
        onRetry={() => void operator.loadBrands()}
      />
    );
  if (!operator.brand) return <StateView status="loading" />;
  return (
    <View className="page">
      <BrandPills
        onPick={(id) => {
          team.forgetInvite();
          void team.loadTeam(id);
        }}
      />
      {team.action.errorCode && (
        <Text className="error-text" data-testid="team-error">
          {errorMessage(team.action.errorCode)}
        </Text>
      )}
      <Stores />
      <Invites />
      <Staff />
    </View>
  );
});

export default function TeamPage() {
  const { brandId = '' } = useRouter().params;
  const { operator, team } = useStaffStores();
  // Here, outside the gate: content it mounts later would miss the page's first show.
  useSignedIn(() => void team.loadTeam(brandId || operator.brandId));
  return (
    <StaffGate>
      <Team />
    </StaffGate>
  );
}
