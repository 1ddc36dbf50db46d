/**
 * 商户设置: every setting of the merchant configuration with a line saying what it does, saved as a
 * whole with admin.updateConfig. What the form cannot read is named beside its field before anything is
 * sent; what the server refuses comes back with the field of each problem (VALIDATION `fields`) and is
 * shown there too, with a summary on top.
 */
import { getConfig, updateConfig } from '../../../services/admin/config';
import type { ServiceError } from '../../../services/request';
import { messageOf } from '../../../utils/errors';
import { type FormErrors, type SettingsForm, configOf, errorsOf, formOf, newGrade } from './form';

const DAYS = Array.from({ length: 31 }, (_, i) => i + 1);

Component({
  data: {
    loading: true,
    loadError: '',
    saving: false,
    form: null as SettingsForm | null,
    errors: {} as FormErrors,
    summary: '',
    days: DAYS,
    levelOptions: [1, 2, 3],
  },
  methods: {
    onLoad() {
      this.load();
    },
    onRetry() {
      this.load();
    },
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        this.setData({ loading: false, form: formOf(await getConfig()), errors: {}, summary: '' });
      } catch (e) {
        this.setData({ loading: false, loadError: messageOf(e) });
      }
    },
    /** Text fields and switches: `data-key` is the path under `form` ("withdraw" fields included). */
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string | boolean }, object, { key: string }>) {
      this.setData({ [`form.${e.currentTarget.dataset.key}`]: e.detail.value });
    },
    /** Levels as three chips side by side (a radio list took a screen for one number). */
    onLevels(e: WechatMiniprogram.BaseEvent) {
      this.setData({ 'form.levels': Number(e.currentTarget.dataset.value) });
    },
    onDay(e: WechatMiniprogram.BaseEvent) {
      const day = Number(e.currentTarget.dataset.day);
      const days = this.data.form!.days;
      this.setData({ 'form.days': days.includes(day) ? days.filter((d) => d !== day) : [...days, day] });
    },
    onEveryDay() {
      this.setData({ 'form.days': [] });
    },
    onMethod(e: WechatMiniprogram.BaseEvent) {
      const method = e.currentTarget.dataset.method as keyof SettingsForm['methods'];
      this.setData({ [`form.methods.${method}`]: !this.data.form!.methods[method] });
    },
    onAddGrade() {
      const grades = this.data.form!.grades;
      this.setData({ 'form.grades': [...grades, newGrade(grades)] });
    },
    onRemoveGrade(e: WechatMiniprogram.BaseEvent) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ 'form.grades': this.data.form!.grades.filter((_, i) => i !== index), errors: {} });
    },
    onHistory() {
      wx.navigateTo({ url: '/pages/admin/config-history/index' });
    },
    async onSave() {
      const { config, errors } = configOf(this.data.form!);
      if (Object.keys(errors).length > 0) {
        this.setData({ errors, summary: `有 ${Object.keys(errors).length} 处填写有误，请看标红的设置项` });
        return;
      }
      this.setData({ saving: true, errors: {}, summary: '' });
      try {
        const saved = await updateConfig({ config });
        this.setData({ saving: false, form: formOf(saved) });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (e) {
        const fields = (e as Partial<ServiceError>)?.fields ?? [];
        const byField = errorsOf(fields);
        this.setData({
          saving: false,
          errors: byField,
          summary:
            fields.length > 0 ? `未保存：有 ${fields.length} 处需要修改，请看标红的设置项` : messageOf(e),
        });
      }
    },
  },
});
