import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The centred card the login, first-run and recovery screens share. */
export function AuthFrame({ title, subtitle, width = 400, children }: { title: string; subtitle?: ReactNode; width?: number; children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5', padding: 24 }}>
      <Card style={{ width }} data-testid="auth-card">
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>{title}</Typography.Title>
        {subtitle && <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>}
        {children}
      </Card>
    </div>
  );
}
