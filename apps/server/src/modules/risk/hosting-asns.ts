/**
 * Autonomous systems of hosting, cloud and VPN providers: people rarely browse from them, bots and
 * VPN exits often do. Curated by hand — the names below are the ones `@ip-location-db/asn`
 * gives each number — from:
 *   - the providers' own published lists of their networks (AWS `ip-ranges.json`, Google Cloud
 *     `cloud.json`, Azure service tags, Oracle Cloud's public IP ranges);
 *   - PeeringDB records whose network type is "Content" or "NSP" with hosting as their business;
 *   - VPN providers' published server networks (M247, Datacamp/CDN77 and PacketHub carry most
 *     consumer VPN exits).
 * A network on this list adds points, never a refusal on its own: offices and some mobile
 * carriers route through clouds. Keep numbers in ascending order within each group; add the
 * source of any new entry to the group comment.
 */
export const hostingAsns: ReadonlyMap<number, string> = new Map([
  // Public clouds (providers' published range lists)
  [8075, 'Microsoft Corporation (Azure)'],
  [14618, 'Amazon.com, Inc. (AWS)'],
  [16509, 'Amazon.com, Inc. (AWS)'],
  [31898, 'Oracle Corporation (Oracle Cloud)'],
  [37963, 'Hangzhou Alibaba Advertising Co., Ltd. (Alibaba Cloud)'],
  [45102, 'Alibaba (US) Technology Co., Ltd. (Alibaba Cloud)'],
  [132203, 'Shenzhen Tencent Computer Systems (Tencent Cloud)'],
  [396982, 'Google LLC (Google Cloud)'],
  // Hosting and virtual servers (PeeringDB, providers' sites)
  [12876, 'Scaleway SAS'],
  [13213, 'UK-2 Limited'],
  [14061, 'DigitalOcean, LLC'],
  [16265, 'LeaseWeb Network B.V.'],
  [16276, 'OVH SAS'],
  [19318, 'Interserver, Inc'],
  [20473, 'The Constant Company, LLC (Vultr)'],
  [21859, 'Zenlayer Inc'],
  [23033, 'Wowrack.com'],
  [24940, 'Hetzner Online GmbH'],
  [26496, 'GoDaddy.com, LLC'],
  [29802, 'HIVELOCITY, Inc.'],
  [32097, 'WholeSale Internet, Inc.'],
  [35916, 'MULTACOM CORPORATION'],
  [36352, 'HostPapa (ColoCrossing)'],
  [40021, 'Contabo Inc.'],
  [42831, 'UK Dedicated Servers Limited'],
  [44477, 'Stark Industries Solutions'],
  [46606, 'Unified Layer'],
  [47583, 'Hostinger International Limited'],
  [48282, 'Hosting technology LTD'],
  [49453, 'Global Layer B.V.'],
  [49981, 'WorldStream B.V.'],
  [51167, 'Contabo GmbH'],
  [51852, 'Private Layer INC'],
  [53667, 'FranTech Solutions (BuyVM)'],
  [54290, 'HostPapa'],
  [55286, 'B2 Net Solutions Inc.'],
  [57043, 'HOSTKEY B.V.'],
  [60781, 'LeaseWeb Netherlands B.V.'],
  [61317, 'Hivelocity Inc'],
  [62240, 'Clouvider Limited'],
  [63023, 'GTHost'],
  [63949, 'Akamai Technologies, Inc. (Linode)'],
  [197540, 'netcup GmbH'],
  [202425, 'IP Volume inc'],
  [206264, 'Amarutu Technology Ltd'],
  [213230, 'Hetzner Online GmbH'],
  [395954, 'Leaseweb USA, Inc.'],
  [398101, 'GoDaddy.com, LLC'],
  // VPN exits (providers' published server networks)
  [9009, 'M247 Europe SRL'],
  [60068, 'Datacamp Limited (CDN77)'],
  [136787, 'PacketHub S.A.'],
  [141039, 'PacketHub S.A.'],
  [212238, 'Datacamp Limited'],
]);

/** Words in an organization's name that mark a hosting network not (yet) on the list. */
const HOSTING_NAME = /\b(hosting|host|server|servers|datacenter|data center|cloud|vps|colo)\b/i;

/** Whether `asn` (named `organization` in the ASN data) is a hosting, cloud or VPN network. */
export function isHostingNetwork(asn: number, organization = ''): boolean {
  return hostingAsns.has(asn) || HOSTING_NAME.test(organization);
}
