// "Export XLSX" for a table: writes exactly the rows the table holds (so a bank or district user exports only
// its own scope) with the given columns, in the browser; shows a spinner while the workbook is built.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';

import { useT } from './i18n.ts';
import { downloadXlsx, type ExportColumn } from './xlsx-export.ts';

export function ExportTableButton<T>(props: {
  fileName: string;
  sheet: string;
  columns: ExportColumn<T>[];
  rows: T[];
  testId: string;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadXlsx(props.fileName, props.sheet, props.columns, props.rows);
    } catch (e) {
      void message.error(String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      loading={busy}
      disabled={props.rows.length === 0}
      onClick={() => void run()}
      data-testid={props.testId}
    >
      {t('export_xlsx')}
    </Button>
  );
}
