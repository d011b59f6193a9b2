import type { BusinessCalendar, Channel, PiiPolicy } from '@switchboard/shared-contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A tenant: a company that outsources its customer contact to the provider. */
@Entity('clients')
export class ClientEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') slug!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'time_zone' }) timeZone!: string;
  @Column('text', { array: true }) languages!: string[];
  @Column('text', { array: true }) channels!: Channel[];
  @Column('jsonb', { name: 'business_calendar' }) businessCalendar!: BusinessCalendar;
  @Column('jsonb', { name: 'pii_policy' }) piiPolicy!: PiiPolicy;
  @Column('text', { name: 'brand_color' }) brandColor!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
