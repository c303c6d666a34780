import { useT } from '../i18n/provider.js';

/**
 * The credit DB-IP's free IP-to-location data asks for (CC BY 4.0): shown wherever an IP
 * location label is, as a small link to its source.
 */
export function IpCredit() {
  const { t } = useT();
  return (
    <>
      {' · '}
      <a className="ip-credit" href="https://db-ip.com" target="_blank" rel="noreferrer">
        {t('ipLocation.credit')}
      </a>
    </>
  );
}
