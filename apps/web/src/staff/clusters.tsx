import type { FarmClusterDetail, StaffMe } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { Empty, ErrorMessage, Loading } from '../components/common.js';
import { api } from '../lib/api.js';
import type { StaffMessageKey } from './i18n/en.js';
import { can, useST } from './use-staff.js';

// Farm clusters (docs/risk.md): the list, and one cluster as a graph of its members.

const KIND_COLOURS: Record<string, string> = {
  device: '#c0392b',
  phone_block: '#8e44ad',
  text: '#2471a3',
  image: '#1e8449',
  sync: '#d68910',
  network: '#7f8c8d',
  reciprocal: '#b9770e',
};

export function ClustersScreen() {
  const { st, time } = useST();
  const clusters = useQuery({
    queryKey: ['staff', 'farm-clusters'],
    queryFn: () => api.staff.farmClusters({ limit: 50 }),
  });
  if (clusters.isPending) return <Loading />;
  if (clusters.isError)
    return <ErrorMessage error={clusters.error} onRetry={() => void clusters.refetch()} />;
  return (
    <section className="staff-panel" aria-labelledby="clusters-title">
      <h1 id="clusters-title">{st('staff.clusters.title')}</h1>
      <p className="muted small">{st('staff.clusters.hint')}</p>
      {clusters.data.items.length === 0 ? (
        <Empty>{st('staff.clusters.empty')}</Empty>
      ) : (
        <table className="staff-table">
          <thead>
            <tr>
              <th>{st('staff.clusters.cluster')}</th>
              <th>{st('staff.clusters.score')}</th>
              <th>{st('staff.clusters.size')}</th>
              <th>{st('staff.clusters.status')}</th>
              <th>{st('staff.clusters.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {clusters.data.items.map((cluster) => (
              <tr key={cluster.id}>
                <td>
                  <Link href={`/clusters/${cluster.id}`}>{cluster.id}</Link>
                </td>
                <td>{cluster.score}</td>
                <td>{cluster.size}</td>
                <td>{st(`staff.clusters.status.${cluster.status}` as StaffMessageKey)}</td>
                <td>{time(cluster.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Members on a circle, edges coloured by their strongest kind: enough to see a farm's shape. */
function ClusterGraph({ cluster }: { cluster: FarmClusterDetail }) {
  const { st } = useST();
  const size = 360;
  const radius = size / 2 - 40;
  const place = new Map(
    cluster.nodes.map((node, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, cluster.nodes.length);
      return [
        node.id,
        { x: size / 2 + radius * Math.cos(angle), y: size / 2 + radius * Math.sin(angle), node },
      ];
    }),
  );
  return (
    <figure>
      <svg
        viewBox={`0 0 ${size} ${size}`}
        width={size}
        height={size}
        role="img"
        aria-label={st('staff.clusters.graph', { count: cluster.nodes.length })}
      >
        {cluster.edges.map((edge) => {
          const a = place.get(edge.a);
          const b = place.get(edge.b);
          if (!a || !b) return null;
          return (
            <line
              key={`${edge.a}-${edge.b}`}
              x1={a.x}
              y1={a.y}
              x2={b.x}
              y2={b.y}
              stroke={KIND_COLOURS[edge.kinds[0] ?? 'network']}
              strokeWidth={Math.min(6, edge.weight)}
              strokeOpacity={0.5}
            >
              <title>{edge.kinds.join(', ')}</title>
            </line>
          );
        })}
        {[...place.values()].map(({ x, y, node }) => (
          <g key={node.id}>
            <circle
              cx={x}
              cy={y}
              r={7}
              fill={node.restricted || node.suspended ? '#555' : '#fff'}
              stroke="#222"
            />
            <text x={x} y={y - 11} textAnchor="middle" fontSize="10">
              @{node.handle}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="small">
        {Object.entries(KIND_COLOURS).map(([kind, colour]) => (
          <span key={kind} style={{ color: colour, marginInlineEnd: '1em' }}>
            ■ {st(`staff.clusters.kind.${kind}` as StaffMessageKey)} {cluster.edgeCounts[kind] ?? 0}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export function ClusterScreen({ id, member }: { id: string; member: StaffMe }) {
  const { st } = useST();
  const queryClient = useQueryClient();
  const cluster = useQuery({
    queryKey: ['staff', 'farm-cluster', id],
    queryFn: () => api.staff.farmCluster(id),
  });
  const act = useMutation({
    mutationFn: (action: 'restrict' | 'suspend' | 'clear') =>
      api.staff.farmClusterAction(id, { action, reasonCode: 'farm.cluster' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
  if (cluster.isPending) return <Loading />;
  if (cluster.isError)
    return <ErrorMessage error={cluster.error} onRetry={() => void cluster.refetch()} />;
  const data = cluster.data;
  return (
    <section className="staff-panel" aria-labelledby="cluster-title">
      <p>
        <Link href="/clusters">{st('staff.clusters.back')}</Link>
      </p>
      <h1 id="cluster-title">
        {data.id} · {st('staff.clusters.score')} {data.score}
      </h1>
      {data.caseId ? (
        <p>
          <Link href={`/cases/${data.caseId}`}>{st('staff.clusters.case')}</Link>
        </p>
      ) : null}
      <ClusterGraph cluster={data} />
      {can(member, 'clusters.act') ? (
        <div className="cluster-actions">
          {(['restrict', 'suspend', 'clear'] as const).map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'clear' ? 'button secondary small' : 'button small'}
              disabled={act.isPending}
              onClick={() => act.mutate(action)}
            >
              {st(`staff.clusters.action.${action}` as StaffMessageKey)}
            </button>
          ))}
        </div>
      ) : null}
      <div aria-live="polite">
        {act.data ? (
          <p className="success">{st('staff.clusters.done', { count: act.data.affected })}</p>
        ) : null}
        {act.isError ? <ErrorMessage error={act.error} /> : null}
      </div>
    </section>
  );
}
