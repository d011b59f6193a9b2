export * from './desk.module';
export * from './desk.service';
export * from './playbook.service';
