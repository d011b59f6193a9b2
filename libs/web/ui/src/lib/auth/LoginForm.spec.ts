import { describe, expect, it } from 'vitest';
import { h, ref } from 'vue';
import { renderComponent } from '../testing/render-component.util';
import LoginForm from './LoginForm.vue';

describe('LoginForm', () => {
  it('hands over the typed credentials when signing in', async () => {
    const submitted = ref<{ email: string; password: string } | null>(null);
    const view = await renderComponent({
      render: () => h(LoginForm, { title: 'Sign in', onSubmit: (credentials: { email: string; password: string }) => (submitted.value = credentials) }),
    });

    await view.type(view.getByLabelText('Email'), '  lead1@switchboard.demo ');
    await view.type(view.getByLabelText('Password'), 'demo-password');
    await view.click(view.getByRole('button', { name: 'Sign in' }));

    expect(submitted.value).toEqual({ email: 'lead1@switchboard.demo', password: 'demo-password' });
  });

  it('asks for both fields before submitting', async () => {
    const view = await renderComponent(LoginForm, { props: { title: 'Sign in' } });
    await view.click(view.getByRole('button', { name: 'Sign in' }));
    expect(view.getByRole('alert').textContent).toContain('Enter your email and password.');
  });

  it('shows the error it is given', async () => {
    const view = await renderComponent(LoginForm, { props: { title: 'Sign in', error: 'Email or password is incorrect.' } });
    expect(view.getByRole('alert').textContent).toContain('Email or password is incorrect.');
  });
});
