package org.gatehouse.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row that nodes lock ({@code SELECT … FOR UPDATE}) to do start-up work one at a time. */
@Entity
@Table(name = "GH_LOCK")
public class LockRecord {

    @Id
    @Column(name = "NAME", length = 100)
    private String name;

    protected LockRecord() {
    }

    public LockRecord(String name) {
        this.name = name;
    }
}
