import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A chamber or society of commerce running its own plan. Not a projection: never rebuilt. */
@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_organisations' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
