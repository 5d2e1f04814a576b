import { describe, expect, it } from 'vitest';
import { clusterWord } from '../../functions/core/cluster-word.js';

describe('the word documents use for the cluster', () => {
  it('is Khối when Tên cụm starts with "Khối", whatever its case or Unicode form', () => {
    expect(clusterWord('Khối thi đua các tổ chức chính trị - xã hội tỉnh')).toBe('Khối');
    expect(clusterWord('  KHỐI THI ĐUA SỐ 3')).toBe('Khối');
    expect(clusterWord('Khối thi đua'.normalize('NFD'))).toBe('Khối');
  });

  it('is Cụm otherwise, even when "Khối" appears later', () => {
    expect(clusterWord('Cụm thi đua các huyện phía Bắc')).toBe('Cụm');
    expect(clusterWord('Cụm thi đua Khối doanh nghiệp')).toBe('Cụm');
    expect(clusterWord('Khốii')).toBe('Cụm');
    expect(clusterWord('')).toBe('Cụm');
  });
});
